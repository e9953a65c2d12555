package io.mobility.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a local disk: what a trainer publishes and promotes is what a reader following current finds. */
class ModelRegistryTest {

    private static final Instant TRAINED = Instant.parse("2026-11-27T02:00:00.250Z");

    @TempDir
    Path lake;

    private ModelRegistry registry() {
        return ModelRegistry.inLake(lake.toString(), new LocalLakeStorage());
    }

    @Test
    void aPublishedAndPromotedVersionReadsBackThroughCurrent() throws Exception {
        ModelRegistry registry = registry();
        String version = registry.newVersion("demand", TRAINED);
        registry.publish("demand", version, dir -> write(dir + "/spark/data.txt"), model(), metadata(version));
        assertThat(registry.current("demand")).isEmpty();

        registry.promote("demand", version);

        assertThat(lake.resolve("models/demand/current")).hasContent(version);
        try (var names = Files.list(lake.resolve("models/demand"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(version, "current");
        }
        String current = registry.current("demand").orElseThrow();
        ModelMetadata read = registry.describe("demand", current).orElseThrow().requireIdentity("metadata.json");
        assertThat(read.version()).isEqualTo("20261127T020000Z");
        assertThat(read.trainedAt()).isEqualTo(Instant.parse("2026-11-27T02:00:00Z"));
        assertThat(read.features()).containsExactly("lag_1h");
        assertThat(read.cap(-1.0)).isEqualTo(0.0);
        assertThat(read.cap(1e9)).isEqualTo(1e9);
        assertThat(read.references().get("lag_1h").edges()[10]).isEqualTo(10.0);
        assertThat(lake.resolve("models/demand").resolve(version).resolve("model.json"))
                .content()
                .contains("\"format\":\"mobility-tree-ensemble/1\"");
        assertThat(lake.resolve("models/demand").resolve(version).resolve("spark/data.txt"))
                .hasContent("trees");
    }

    @Test
    void aSecondPublicationOfOneVersionIsRefused() {
        ModelRegistry registry = registry();
        String first = registry.newVersion("surge", TRAINED);
        registry.publish("surge", first, dir -> write(dir + "/spark/a"), model(), metadata(first));
        assertThat(registry.newVersion("surge", TRAINED)).isEqualTo("20261127T020001Z");
        assertThatThrownBy(() ->
                        registry.publish("surge", first, dir -> write(dir + "/spark/b"), model(), metadata(first)))
                .hasMessageContaining(first)
                .hasMessageContaining("already exists");
    }

    @Test
    void aCurrentPointerToAMissingVersionIsAnErrorNamingPointerAndVersion() throws Exception {
        Path pointer = lake.resolve("models/demand/current");
        Files.createDirectories(pointer.getParent());
        Files.writeString(pointer, "20261127T020000Z\n");

        assertThatThrownBy(() -> registry().current("demand"))
                .isInstanceOf(LakeFormatException.class)
                .hasMessage(pointer + " names version 20261127T020000Z, but "
                        + lake.resolve("models/demand/20261127T020000Z/metadata.json") + " does not exist");
    }

    @Test
    void aCurrentPointerThatNamesNoVersionIsAnError() throws Exception {
        Path pointer = lake.resolve("models/demand/current");
        Files.createDirectories(pointer.getParent());
        Files.writeString(pointer, "../surge/20261127T020000Z\n");

        assertThatThrownBy(() -> registry().current("demand"))
                .isInstanceOf(LakeFormatException.class)
                .hasMessageContaining(pointer.toString())
                .hasMessageContaining("does not name a version: '../surge/20261127T020000Z'");
    }

    @Test
    void promotingAnUnpublishedVersionIsRefusedByName() {
        assertThatThrownBy(() -> registry().promote("surge", "20261127T020000Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surge")
                .hasMessageContaining("20261127T020000Z");
        assertThat(lake.resolve("models/surge/current")).doesNotExist();
    }

    private static void write(String path) {
        new LocalLakeStorage().write(path, "trees".getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode model() {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("format", ModelRegistry.TREE_ENSEMBLE_FORMAT);
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
