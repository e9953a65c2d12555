package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * What ships (the images' libraries, the Spark job jar, the Connect plugin zip) holds product code only: no benchmark
 * (they live under benchmarks/), no platform kit (the in-process broker and Connect runtime are for tests and the
 * demo), and no simulated city in the job jar (it feeds tests and benchmarks only). Reads the artifacts this build
 * wrote, as a user would list them.
 */
class ShippedArtifactsTest {

    private static final List<String> KIT_JARS = List.of(
            "mobility-platform-",
            "kafka_2.13-",
            "connect-runtime-",
            "mobility-simulator-",
            "mobility-simulator-core-",
            "mobility-bench-",
            "mobility-test-kit-");

    @Test
    void theStreamsAndServeImagesCarryNeitherTheKitNorBenchmarks() throws IOException {
        for (String image : List.of("streams", "serve")) {
            Path lib = Repo.COMPOSE.resolve("target/images/" + image + "/lib");
            List<String> jars = fileNames(lib);
            assertThat(jars).as("libraries of the %s image (%s)", image, lib).isNotEmpty();
            assertThat(jars)
                    .as("libraries of the %s image", image)
                    .noneMatch(jar -> KIT_JARS.stream().anyMatch(jar::startsWith));
        }
    }

    @Test
    void theProductJarsHoldNoBenchmarkClass() {
        String version = BuildOutputs.version();
        for (String jar : List.of(
                "streams-app/target/mobility-streams-app-" + version + ".jar",
                "inference-dropwizard/target/mobility-inference-dropwizard-" + version + ".jar",
                "simulator/target/mobility-simulator-" + version + ".jar")) {
            assertThat(entries(Repo.ROOT.resolve(jar))).as(jar).noneMatch(ShippedArtifactsTest::isBenchmark);
        }
    }

    @Test
    void theJobJarHoldsTheJobsButNoBenchmarkNoKitAndNoSimulatedCity() {
        Path jobJar =
                Repo.ROOT.resolve("batch-spark/target/mobility-batch-spark-" + BuildOutputs.version() + "-job.jar");
        List<String> entries = entries(jobJar);
        assertThat(entries).contains("io/mobility/batch/BatchCommand.class");
        assertThat(entries)
                .noneMatch(ShippedArtifactsTest::isBenchmark)
                .noneMatch(e -> e.startsWith("io/mobility/platform/")
                        || e.startsWith("io/mobility/simulator/")
                        || e.startsWith("io/mobility/batch/fixture/"));
    }

    @Test
    void thePluginZipHoldsNoBenchmarkAndNoKit() throws IOException {
        Path zip = Repo.ROOT.resolve(
                "connect-delta-sink/target/mobility-connect-delta-sink-" + BuildOutputs.version() + "-plugin.zip");
        List<String> jars = entries(zip).stream()
                .filter(e -> e.endsWith(".jar"))
                .map(e -> e.substring(e.lastIndexOf('/') + 1))
                .toList();
        assertThat(jars).contains("mobility-connect-delta-sink-" + BuildOutputs.version() + ".jar");
        assertThat(jars).noneMatch(jar -> KIT_JARS.stream().anyMatch(jar::startsWith));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith("/mobility-connect-delta-sink-" + BuildOutputs.version() + ".jar")) {
                    assertThat(entries(in)).as("the connector jar").noneMatch(ShippedArtifactsTest::isBenchmark);
                }
            }
        }
    }

    private static boolean isBenchmark(String entry) {
        return entry.startsWith("io/mobility/bench/") || entry.matches("io/mobility/.*/bench/.*");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        assertThat(dir).as("built by ./mvnw package").isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> entries(Path archive) {
        assertThat(archive).as("built by ./mvnw package").isRegularFile();
        try (InputStream in = Files.newInputStream(archive)) {
            return entries(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive, e);
        }
    }

    /** The entry names of a zip read from {@code in}; leaves {@code in} open (it may be an entry of another zip). */
    private static List<String> entries(InputStream in) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        List<String> names = new ArrayList<>();
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            names.add(e.getName());
        }
        return names;
    }
}
