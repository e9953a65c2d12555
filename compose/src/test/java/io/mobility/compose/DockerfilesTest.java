package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Dockerfile under compose/images copies only what the repository holds or ./mvnw package writes. */
class DockerfilesTest {

    static List<Dockerfile> dockerfiles() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.COMPOSE.resolve("images"))) {
            return files.filter(f -> f.getFileName().toString().equals("Dockerfile"))
                    .sorted()
                    .map(Dockerfile::parse)
                    .toList();
        }
    }

    @Test
    void everyCopySourceExistsInTheRepositoryOrIsABuildOutput() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Dockerfile> all = dockerfiles();
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
        for (Dockerfile dockerfile : all) {
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                if (copy.from() != null) {
                    continue; // from an earlier stage or an image, checked below
                }
                for (String source : copy.sources()) {
                    String where = Repo.relative(dockerfile.file()) + ":" + copy.line() + " COPY " + source;
                    if (BuildOutputs.isUnderTarget(source)) {
                        if (!BuildOutputs.isOutput(source)) {
                            problems.add(where + ": not a file ./mvnw package writes (outputs: " + BuildOutputs.files()
                                    + " " + BuildOutputs.directories() + ")");
                        }
                    } else if (!Files.exists(Repo.ROOT.resolve(source))) {
                        problems.add(where + ": not in the repository");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void copiesFromOtherStagesNameAStageOrAnImage() throws IOException {
        for (Dockerfile dockerfile : dockerfiles()) {
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                if (copy.from() != null) {
                    assertThat(dockerfile.hasStage(copy.from()) || copy.from().contains(":"))
                            .as(Repo.relative(dockerfile.file()) + ":" + copy.line() + " --from=" + copy.from())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void theImagesCarryTheArtifactsOfTheirModules() {
        String version = BuildOutputs.version();
        assertThat(sources("streams")).contains("streams-app/target/mobility-streams-app-" + version + ".jar");
        assertThat(sources("serve"))
                .contains(
                        "inference-dropwizard/target/mobility-inference-dropwizard-" + version + ".jar",
                        "inference-dropwizard/config.yml");
        assertThat(sources("connect"))
                .contains("connect-delta-sink/target/mobility-connect-delta-sink-" + version + "-plugin.zip");
        assertThat(sources("airflow")).contains("batch-spark/target/mobility-batch-spark-" + version + "-job.jar");
    }

    @Test
    void theAirflowImagePutsTheJobJarWhereTheDagsLookForIt() {
        Dockerfile airflow = Dockerfile.parse(Repo.COMPOSE.resolve("images/airflow/Dockerfile"));
        String jobJar = ComposeFile.environment(ComposeFile.load().service("airflow-scheduler"))
                .get("MOBILITY_JOB_JAR");
        assertThat(airflow.copies())
                .anyMatch(c -> c.sources().get(0).endsWith("-job.jar")
                        && c.destination().equals(jobJar));
    }

    @Test
    void theConnectImageUnpacksThePluginOnTheWorkersPluginPath() {
        Dockerfile connect = Dockerfile.parse(Repo.COMPOSE.resolve("images/connect/Dockerfile"));
        String worker = Repo.read(Repo.COMPOSE.resolve("connect/worker.properties"));
        assertThat(worker).containsPattern("(?m)^plugin\\.path=/opt/connect-plugins$");
        assertThat(connect.copies())
                .anyMatch(c -> "plugin".equals(c.from()) && c.destination().equals("/opt/connect-plugins"));
    }

    @Test
    void everyImageRunsAsAFixedNonRootUser() throws IOException {
        for (Dockerfile dockerfile : dockerfiles()) {
            String user = dockerfile.last().user();
            assertThat(user)
                    .as(Repo.relative(dockerfile.file()) + ": USER of the final stage")
                    .isNotNull()
                    .doesNotMatch("(root|0)(:.*)?");
        }
        // Ours get a numeric uid (a Kubernetes runAsNonRoot check needs one) that owns what the app writes.
        for (String image : List.of("streams", "serve")) {
            Path file = Repo.COMPOSE.resolve("images/" + image + "/Dockerfile");
            assertThat(Dockerfile.parse(file).last().user()).as(image).matches("[1-9]\\d*:0");
        }
        String streams = Repo.read(Repo.COMPOSE.resolve("images/streams/Dockerfile"));
        String uid = Dockerfile.parse(Repo.COMPOSE.resolve("images/streams/Dockerfile"))
                .last()
                .user();
        String stateDir =
                ComposeFile.environment(ComposeFile.load().service("streams-1")).get("MOBILITY_STREAMS_STATE_DIR");
        assertThat(streams).contains("chown " + uid + " " + stateDir);
        // The Connect workers write the lake: the image's user is the one compose runs them as.
        assertThat(Dockerfile.parse(Repo.COMPOSE.resolve("images/connect/Dockerfile"))
                        .last()
                        .user())
                .isEqualTo(ComposeFile.load().service("connect-1").path("user").asText());
    }

    private static List<String> sources(String image) {
        return Dockerfile.parse(Repo.COMPOSE.resolve("images/" + image + "/Dockerfile")).copies().stream()
                .filter(c -> c.from() == null)
                .flatMap(c -> c.sources().stream())
                .toList();
    }
}
