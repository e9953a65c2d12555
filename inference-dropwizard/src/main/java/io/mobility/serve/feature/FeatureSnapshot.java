package io.mobility.serve.feature;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.serve.model.ModelFormatException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The latest feature row per zone ({@code features/snapshot/latest.json}, docs/model-format.md). */
public record FeatureSnapshot(Instant generatedAt, Instant asOfHour, List<String> features, Map<String, ZoneFeatures> zones) {

    /** One zone's row; {@code null} values in the file are missing values, {@code NaN} here. */
    public record ZoneFeatures(String zoneId, String zoneName, double[] values) {
    }

    public Optional<ZoneFeatures> zone(String zoneId) {
        return Optional.ofNullable(zones.get(zoneId));
    }

    public static FeatureSnapshot parse(JsonNode root) {
        Instant generatedAt = instant(root, "generated_at");
        Instant asOfHour = instant(root, "as_of_hour");
        JsonNode featuresNode = root.path("features");
        if (!featuresNode.isArray() || featuresNode.isEmpty()) {
            throw new ModelFormatException("feature snapshot: features must be a non-empty array of names");
        }
        List<String> features = new ArrayList<>();
        featuresNode.forEach(f -> features.add(f.asText()));
        JsonNode zonesNode = root.path("zones");
        if (!zonesNode.isObject()) {
            throw new ModelFormatException("feature snapshot: zones must be an object keyed by zone id");
        }
        Map<String, ZoneFeatures> zones = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = zonesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> zone = it.next();
            JsonNode values = zone.getValue().path("values");
            if (!values.isArray() || values.size() != features.size()) {
                throw new ModelFormatException("feature snapshot: zones." + zone.getKey() + ".values must hold "
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
                    throw new ModelFormatException("feature snapshot: zones." + zone.getKey() + ".values[" + i
                            + "] (" + features.get(i) + ") is not a number");
                }
            }
            zones.put(zone.getKey(), new ZoneFeatures(zone.getKey(), zone.getValue().path("zone_name").asText(null), row));
        }
        return new FeatureSnapshot(generatedAt, asOfHour, List.copyOf(features), Map.copyOf(zones));
    }

    private static Instant instant(JsonNode root, String field) {
        try {
            return Instant.parse(root.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new ModelFormatException("feature snapshot: " + field + " is not an ISO-8601 instant: " + root.get(field));
        }
    }
}
