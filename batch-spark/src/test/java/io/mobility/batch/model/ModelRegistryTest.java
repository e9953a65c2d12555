package io.mobility.batch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.lake.ModelMetadata;
import io.mobility.lake.ModelRegistry;
import io.mobility.lake.ReferenceDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on a local disk through Hadoop's file system, as trainers write it and scoring and monitoring read
 * it: versions published whole, unique names within one second, the current pointer, metadata read back.
 */
class ModelRegistryTest {

    private static final Instant TRAINED = Instant.parse("2026-11-27T02:00:00.250Z");

    @TempDir
    Path lakeDir;

    @Test
    void aPublishedVersionIsCompleteAndOnlyPromotionMakesItCurrent() throws Exception {
        ModelRegistry registry = registry("file://" + lakeDir);
        String version = registry.newVersion("demand", TRAINED);
        assertThat(version).isEqualTo("20261127T020000Z");

        registry.publish("demand", version, dir -> write(dir + "/spark/data.txt"), model(), metadata(version));

        Path dir = lakeDir.resolve("models/demand").resolve(version);
        assertThat(dir.resolve("spark/data.txt")).hasContent("trees");
        assertThat(dir.resolve("model.json")).content().contains("\"trees\"");
        assertThat(registry.metadata("demand", version).get("version").asText()).isEqualTo(version);
        assertThat(registry.current("demand")).isEmpty();
        try (var names = Files.list(lakeDir.resolve("models/demand"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(version);
        }

        registry.promote("demand", version);

        assertThat(registry.current("demand")).contains(version);
        assertThat(lakeDir.resolve("models/demand/current")).hasContent(version);
        ModelMetadata described = registry.describe("demand", version).orElseThrow();
        assertThat(described.features()).containsExactly("lag_1h");
        assertThat(described.references().get("lag_1h").edges()[10]).isEqualTo(10.0);
        assertThat(registry.describe("demand", "20200101T000000Z")).isEmpty();
    }

    @Test
    void versionsTrainedInTheSameSecondGetDistinctNamesWithoutWaiting() {
        ModelRegistry registry = registry(lakeDir.toString());
        String first = registry.newVersion("demand", TRAINED);
        registry.publish("demand", first, dir -> write(dir + "/spark/a"), model(), metadata(first));
        long started = System.nanoTime();

        String second = registry.newVersion("demand", TRAINED.plusMillis(500));
        registry.publish("demand", second, dir -> write(dir + "/spark/b"), model(), metadata(second));
        String third = registry.newVersion("demand", TRAINED.plusMillis(600));

        assertThat(List.of(first, second, third))
                .containsExactly("20261127T020000Z", "20261127T020001Z", "20261127T020002Z");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(1000);
        assertThatThrownBy(() ->
                        registry.publish("demand", first, dir -> write(dir + "/spark/c"), model(), metadata(first)))
                .hasMessageContaining(first)
                .hasMessageContaining("already exists");
    }

    @Test
    void promotingAnUnknownVersionIsRefusedByName() {
        ModelRegistry registry = registry(lakeDir.toString());
        assertThatThrownBy(() -> registry.promote("surge", "20261127T020000Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surge")
                .hasMessageContaining("20261127T020000Z");
        assertThatThrownBy(() -> registry.metadata("surge", "20261127T020000Z")).hasMessageContaining("metadata.json");
    }

    @Test
    void promotionRewritesMetadataAndMovesThePointer() {
        ModelRegistry registry = registry(lakeDir.toString());
        String a = registry.newVersion("surge", TRAINED);
        registry.publish("surge", a, dir -> write(dir + "/spark/a"), model(), metadata(a));
        registry.promote("surge", a);
        String b = registry.newVersion("surge", TRAINED);
        registry.publish("surge", b, dir -> write(dir + "/spark/b"), model(), metadata(b));
        ObjectNode updated = registry.metadata("surge", b).put("promoted", true);

        registry.updateMetadata("surge", b, updated);
        registry.promote("surge", b);

        assertThat(registry.current("surge")).contains(b);
        assertThat(registry.metadata("surge", b).get("promoted").asBoolean()).isTrue();
        assertThat(registry.metadata("surge", a).get("promoted").asBoolean()).isFalse();
        assertThat(lakeDir.resolve("models/surge/current.tmp")).doesNotExist();
    }

    private static ModelRegistry registry(String lakeRoot) {
        return ModelRegistry.inLake(Lake.at(lakeRoot).root(), new LakeFiles(new Configuration()));
    }

    private static void write(String path) {
        new LakeFiles(new Configuration()).write(path, "trees".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ObjectNode model() {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("format", TreeEnsembleExporter.FORMAT);
        model.putArray("trees");
        return model;
    }

    private static ObjectNode metadata(String version) {
        return ModelMetadata.json(
                "demand",
                version,
                TRAINED,
                TRAINED.minusSeconds(86400),
                TRAINED,
                "requests",
                List.of("lag_1h"),
                0.0,
                null,
                JsonNodeFactory.instance.objectNode(),
                Map.of("lag_1h", ReferenceDistribution.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
    }
}
