package io.mobility.bench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * A lake for the benchmark: a demand GBT of the size the batch layer trains (100 trees of depth 5 over 10 features)
 * and a feature snapshot of 265 zones (the TLC zone count), both random but fixed by the seed.
 */
final class BenchLake {

    static final List<String> FEATURES = List.of(
            "hour_of_day",
            "day_of_week",
            "lag_1h",
            "lag_2h",
            "lag_3h",
            "lag_24h",
            "lag_168h",
            "rolling_mean_3h",
            "rolling_mean_24h",
            "zone_share_7d");
    static final int ZONES = 265;
    static final String VERSION = "20261101T000000Z";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random = new Random(42);

    Path write(Path lake) throws IOException {
        Path version = lake.resolve("models/demand/" + VERSION);
        Files.createDirectories(version);
        mapper.writeValue(version.resolve("model.json").toFile(), model(100, 5));
        ObjectNode metadata = mapper.createObjectNode()
                .put("name", "demand")
                .put("version", VERSION)
                .put("trained_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        FEATURES.forEach(metadata.putArray("features")::add);
        metadata.putObject("output").put("min", 0.0).putNull("max");
        mapper.writeValue(version.resolve("metadata.json").toFile(), metadata);
        Files.writeString(lake.resolve("models/demand/current"), VERSION + "\n");

        Path snapshot = lake.resolve("features/snapshot/latest.json");
        Files.createDirectories(snapshot.getParent());
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        ObjectNode root = mapper.createObjectNode()
                .put("generated_at", now.toString())
                .put("as_of_hour", now.minus(1, ChronoUnit.HOURS).toString());
        FEATURES.forEach(root.putArray("features")::add);
        ObjectNode zones = root.putObject("zones");
        for (int zone = 1; zone <= ZONES; zone++) {
            ObjectNode z = zones.putObject(Integer.toString(zone)).put("zone_name", "zone " + zone);
            ArrayNode values = z.putArray("values");
            FEATURES.forEach(f -> values.add(random.nextDouble() * 50));
        }
        mapper.writeValue(snapshot.toFile(), root);
        return lake;
    }

    private ObjectNode model(int trees, int depth) {
        ObjectNode model = mapper.createObjectNode()
                .put("format", "mobility-tree-ensemble/1")
                .put("algorithm", "gbt_regressor")
                .put("num_features", FEATURES.size())
                .put("aggregation", "weighted_sum");
        ArrayNode treeArray = model.putArray("trees");
        for (int t = 0; t < trees; t++) {
            ObjectNode tree = treeArray.addObject().put("weight", t == 0 ? 1.0 : 0.1);
            ArrayNode nodes = tree.putArray("nodes");
            grow(nodes, depth);
        }
        return model;
    }

    /** Appends a full binary tree in pre-order (children after their parent); returns the root's id. */
    private int grow(ArrayNode nodes, int depth) {
        int id = nodes.size();
        ObjectNode node = nodes.addObject().put("id", id);
        if (depth == 0) {
            node.put("leaf", random.nextDouble() * 10);
            return id;
        }
        node.put("feature", random.nextInt(FEATURES.size())).put("threshold", random.nextDouble() * 50);
        node.put("left", grow(nodes, depth - 1));
        node.put("right", grow(nodes, depth - 1));
        return id;
    }
}
