package io.mobility.demo.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The parts of the simulator's manifest (simulator/README.md, "The manifest") the demo reports and reconciles. */
public record Manifest(long recordsTotal, Map<String, Long> recordsByTopic, Map<String, Long> faults,
                       Map<String, Long> validUniqueByType, int zones) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Manifest read(Path file) {
        try {
            JsonNode m = JSON.readTree(file.toFile());
            return new Manifest(m.path("records_total").asLong(), longs(m.path("records_by_topic")),
                    longs(m.path("faults")), longs(m.path("valid_unique_by_type")), m.path("zones").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the simulator manifest " + file, e);
        }
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }
}
