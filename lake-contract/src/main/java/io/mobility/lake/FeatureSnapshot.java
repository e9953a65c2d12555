package io.mobility.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code <lake>/features/snapshot/latest.json} (docs/model-format.md): for every zone, the feature row of the hour
 * after the last observed one, which the service uses for online demand predictions. {@code as_of_hour} is the last
 * observed hour; {@code for_hour} (extra, null when a file lacks it) is the hour the rows describe. Missing values
 * are {@code null} in the file and {@code NaN} here.
 */
public record FeatureSnapshot(
        Instant generatedAt,
        Instant asOfHour,
        Instant forHour,
        List<String> features,
        Map<String, ZoneFeatures> zones) {

    /** Where the snapshot lives, relative to the lake's root. */
    public static final String PATH = "features/snapshot/latest.json";

    /** One zone's row, values in {@code features} order. */
    public record ZoneFeatures(String zoneId, String zoneName, double[] values) {}

    /** The snapshot's path or URI in the lake at {@code lakeRoot}. */
    public static String location(String lakeRoot) {
        return lakeRoot + "/" + PATH;
    }

    public Optional<ZoneFeatures> zone(String zoneId) {
        return Optional.ofNullable(zones.get(zoneId));
    }

    /** The file's bytes: pretty-printed, zones sorted by id. */
    public byte[] render() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("generated_at", generatedAt.toString());
        root.put("as_of_hour", asOfHour.toString());
        root.put("for_hour", forHour.toString());
        ArrayNode names = root.putArray("features");
        features.forEach(names::add);
        ObjectNode zoneNodes = root.putObject("zones");
        new TreeMap<>(zones).forEach((id, zone) -> {
            ObjectNode node = zoneNodes.putObject(id);
            node.put("zone_name", zone.zoneName());
            ArrayNode values = node.putArray("values");
            for (double v : zone.values()) {
                if (Double.isNaN(v)) {
                    values.addNull();
                } else {
                    values.add(v);
                }
            }
        });
        return root.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a snapshot; every problem names the field at fault. */
    public static FeatureSnapshot parse(JsonNode root) {
        Instant generatedAt = instant(root, "generated_at");
        Instant asOfHour = instant(root, "as_of_hour");
        Instant forHour = root.hasNonNull("for_hour") ? instant(root, "for_hour") : null;
        JsonNode featuresNode = root.path("features");
        if (!featuresNode.isArray() || featuresNode.isEmpty()) {
            throw new LakeFormatException("feature snapshot: features must be a non-empty array of names");
        }
        List<String> features = new ArrayList<>();
        featuresNode.forEach(f -> features.add(f.asText()));
        JsonNode zonesNode = root.path("zones");
        if (!zonesNode.isObject()) {
            throw new LakeFormatException("feature snapshot: zones must be an object keyed by zone id");
        }
        Map<String, ZoneFeatures> zones = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = zonesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> zone = it.next();
            JsonNode values = zone.getValue().path("values");
            if (!values.isArray() || values.size() != features.size()) {
                throw new LakeFormatException("feature snapshot: zones." + zone.getKey() + ".values must hold "
                        + features.size() + " values, one per feature");
            }
            double[] row = new double[values.size()];
            for (int i = 0; i < row.length; i++) {
                JsonNode v = values.get(i);
                if (v.isNull()) {
                    row[i] = Double.NaN;
                } else if (v.isNumber()) {
                    row[i] = v.asDouble();
                } else {
                    throw new LakeFormatException("feature snapshot: zones." + zone.getKey() + ".values[" + i + "] ("
                            + features.get(i) + ") is not a number");
                }
            }
            zones.put(
                    zone.getKey(),
                    new ZoneFeatures(
                            zone.getKey(), zone.getValue().path("zone_name").asText(null), row));
        }
        return new FeatureSnapshot(generatedAt, asOfHour, forHour, List.copyOf(features), Map.copyOf(zones));
    }

    private static Instant instant(JsonNode root, String field) {
        try {
            return Instant.parse(root.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new LakeFormatException(
                    "feature snapshot: " + field + " is not an ISO-8601 instant: " + root.get(field));
        }
    }
}
