package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The repository root's .dockerignore (the build context of every compose image): everything the Dockerfiles COPY
 * reaches the daemon, and build trees, local lakes, demo state, Git history and secrets do not.
 */
class DockerignoreTest {

    private final DockerIgnore ignore = DockerIgnore.read(Repo.ROOT.resolve(".dockerignore"));

    @Test
    void everyCopySourceIsSent() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Dockerfile dockerfile : DockerfilesTest.dockerfiles()) {
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                if (copy.from() != null) {
                    continue;
                }
                for (String source : copy.sources()) {
                    // A directory is sent with what is in it: check a file inside as well.
                    List<String> paths =
                            source.endsWith("/") ? List.of(source, source + "some-library.jar") : List.of(source);
                    paths.stream()
                            .filter(ignore::excludes)
                            .forEach(p -> problems.add(Repo.relative(dockerfile.file()) + ":" + copy.line() + " COPY "
                                    + source + ": .dockerignore excludes " + p));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void buildTreesLakesHistoryAndSecretsStayOut() {
        String version = BuildOutputs.version();
        assertThat(List.of(
                        ".git/HEAD",
                        ".git/objects/ab/cdef",
                        ".env",
                        "compose/.env",
                        ".mobility/demo/state.json",
                        "demo/.mobility/run.log",
                        "lake/bronze/ride_events/_delta_log/00000000000000000000.json",
                        "streams-app/target/classes/io/mobility/streams/StreamsCommand.class",
                        "streams-app/target/runtime-classpath.txt",
                        "compose/target/surefire-reports/x.txt",
                        "benchmarks/target/mobility-benchmarks-" + version + ".jar",
                        "inference-dropwizard/target/test-classes/lake/models/demand/1/metadata.json",
                        "batch-spark/target/mobility-batch-spark-" + version + ".jar"))
                .allMatch(ignore::excludes, "excluded from the build context");
        assertThat(List.of(
                        "compose/.env.example",
                        "inference-dropwizard/config.yml",
                        "lake-contract/src/main/java/io/mobility/lake/LakeStorage.java"))
                .noneMatch(ignore::excludes);
    }

    @Test
    void theMatcherFollowsDockersRules() {
        DockerIgnore rules = DockerIgnore.parse("""
                # a comment
                **/target
                !a/target/keep-*.jar
                /secret
                docs/*.md
                !docs/README.md
                x/**/y?.txt
                """);
        assertThat(rules.excludes("target/x")).isTrue();
        assertThat(rules.excludes("a/b/target/c/d.class")).isTrue();
        assertThat(rules.excludes("a/target/keep-1.jar")).isFalse();
        assertThat(rules.excludes("a/target/keep-1.zip")).isTrue();
        assertThat(rules.excludes("secret/key")).isTrue();
        assertThat(rules.excludes("a/secret")).isFalse();
        assertThat(rules.excludes("docs/a.md")).isTrue();
        assertThat(rules.excludes("docs/sub/a.md")).isFalse();
        assertThat(rules.excludes("docs/README.md")).isFalse();
        assertThat(rules.excludes("x/y1.txt")).isTrue();
        assertThat(rules.excludes("x/p/q/y2.txt")).isTrue();
        assertThat(rules.excludes("x/p/y22.txt")).isFalse();
        // The last match decides.
        assertThat(DockerIgnore.parse("!a\na").excludes("a/b")).isTrue();
        assertThat(DockerIgnore.parse("a\n!a").excludes("a/b")).isFalse();
    }
}
