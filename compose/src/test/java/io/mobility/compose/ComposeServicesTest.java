package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compose file's services reference things that exist: images or Dockerfiles, services, host paths, volumes. */
class ComposeServicesTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void theDistributedSetupHasEveryPart() {
        assertThat(compose.services().keySet())
                .contains(
                        "kafka-1",
                        "kafka-2",
                        "kafka-3",
                        "kafka-init",
                        "schema-registry",
                        "connect-1",
                        "connect-2",
                        "connect-init",
                        "streams-1",
                        "streams-2",
                        "spark-master",
                        "spark-worker",
                        "serve",
                        "airflow-init",
                        "airflow-scheduler",
                        "airflow-webserver");
    }

    @Test
    void everyServiceHasAnImageOrABuildWhoseDockerfileExists() {
        List<String> problems = new ArrayList<>();
        compose.services().forEach((name, service) -> {
            if (service.has("build")) {
                Path dockerfile = ComposeFile.dockerfile(service);
                if (!Files.isRegularFile(dockerfile)) {
                    problems.add(name + ": Dockerfile " + Repo.relative(dockerfile) + " does not exist");
                }
                if (!ComposeFile.buildContext(service).equals(Repo.ROOT)) {
                    problems.add(
                            name + ": build context is not the repository root, so target/ outputs are out of reach");
                }
            } else if (service.path("image").asText().isBlank()) {
                problems.add(name + ": neither image nor build");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void imagesMatchTheVersionsTheBuildUses() {
        String kafka = BuildOutputs.property("kafka.version");
        String spark = BuildOutputs.property("spark.version");
        compose.services().forEach((name, service) -> {
            String image = service.path("image").asText();
            if (image.startsWith("apache/kafka:")) {
                assertThat(image).as(name).isEqualTo("apache/kafka:" + kafka);
            }
            if (image.startsWith("apache/spark:")) {
                assertThat(image).as(name).startsWith("apache/spark:" + spark);
            }
        });
        assertThat(Dockerfile.parse(Repo.COMPOSE.resolve("images/connect/Dockerfile"))
                        .stages())
                .extracting(Dockerfile.Stage::image)
                .contains("apache/kafka:" + kafka);
        assertThat(Dockerfile.parse(Repo.COMPOSE.resolve("images/airflow/Dockerfile"))
                        .stages())
                .extracting(Dockerfile.Stage::image)
                .anyMatch(i -> i.startsWith("apache/spark:" + spark));
    }

    @Test
    void dependsOnNamesServices() {
        compose.services()
                .forEach((name, service) -> assertThat(ComposeFile.dependsOn(service))
                        .as(name + " depends_on")
                        .allMatch(compose.services()::containsKey));
    }

    @Test
    void noTwoServicesPublishTheSameHostPort() {
        Map<Integer, String> owners = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (ComposeFile.Port port : compose.ports()) {
            String before = owners.putIfAbsent(port.host(), port.service());
            if (before != null) {
                clashes.add("host port " + port.host() + ": " + before + " and " + port.service());
            }
        }
        assertThat(clashes).isEmpty();
        assertThat(owners).isNotEmpty();
    }

    @Test
    void everyBindMountedHostPathExistsAndEveryNamedVolumeIsDeclared() {
        List<String> problems = new ArrayList<>();
        for (ComposeFile.Mount mount : compose.mounts()) {
            if (mount.bind()) {
                Path host = ComposeFile.hostPath(mount);
                if (!Files.exists(host) && !BuildOutputs.isOutput(Repo.relative(host))) {
                    problems.add(mount.service() + ": host path " + mount.source() + " (" + Repo.relative(host)
                            + ") is neither in the repository nor a build output");
                }
            } else if (!compose.namedVolumes().contains(mount.source())) {
                problems.add(mount.service() + ": volume '" + mount.source() + "' is not declared under volumes:");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyLakeUserMountsTheSameLakeAtTheSamePath() {
        // The sink writes tables, Spark's executors (worker) and driver (Airflow) rewrite them, the API reads models.
        for (String service : List.of("connect-1", "connect-2", "spark-worker", "airflow-scheduler", "serve")) {
            assertThat(compose.mounts())
                    .as(service)
                    .anyMatch(m -> m.service().equals(service)
                            && m.source().equals("lake")
                            && m.target().equals("/data/lake"));
        }
        JsonNode serve = compose.service("serve");
        assertThat(ComposeFile.environment(serve)).containsEntry("MOBILITY_LAKE", "/data/lake");
        assertThat(ComposeFile.environment(compose.service("airflow-scheduler")))
                .containsEntry("MOBILITY_LAKE", "/data/lake");
    }

    @Test
    void lakeWritersRunAsTheUserThatOwnsTheLake() {
        String owner = compose.service("lake-init").path("command").toString();
        for (String writer : List.of("connect-1", "connect-2", "spark-worker")) {
            String user = compose.service(writer).path("user").asText();
            assertThat(user).as(writer).isNotBlank();
            assertThat(owner)
                    .as("lake-init chowns the lake to " + writer + "'s user")
                    .contains("chown " + user + " ");
        }
        // Airflow's image runs as uid 50000, group 0.
        assertThat(owner).contains("chown 50000:0 ");
    }
}
