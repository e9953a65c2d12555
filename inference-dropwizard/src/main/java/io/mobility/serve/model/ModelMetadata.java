package io.mobility.serve.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code metadata.json} says about a model version. The raw tree is kept so that the metadata endpoint serves
 * every field the exporter wrote, including ones this service does not interpret.
 */
public record ModelMetadata(String name, String version, Instant trainedAt, List<String> features,
                            double outputMin, double outputMax, JsonNode raw) {

    public static ModelMetadata parse(JsonNode root) {
        String name = text(root, "name");
        String version = text(root, "version");
        Instant trainedAt;
        try {
            trainedAt = Instant.parse(text(root, "trained_at"));
        } catch (DateTimeParseException e) {
            throw new ModelFormatException("metadata.trained_at is not an ISO-8601 instant: " + root.get("trained_at"));
        }
        JsonNode featuresNode = root.path("features");
        if (!featuresNode.isArray() || featuresNode.isEmpty()) {
            throw new ModelFormatException("metadata.features must be a non-empty array of names");
        }
        List<String> features = new ArrayList<>();
        featuresNode.forEach(f -> features.add(f.asText()));
        JsonNode output = root.path("output");
        double min = bound(output.path("min"), Double.NEGATIVE_INFINITY);
        double max = bound(output.path("max"), Double.POSITIVE_INFINITY);
        return new ModelMetadata(name, version, trainedAt, List.copyOf(features), min, max, root);
    }

    /** Applies {@code output.min}/{@code output.max}, as the batch scorer does. */
    public double cap(double prediction) {
        return Math.max(outputMin, Math.min(outputMax, prediction));
    }

    private static double bound(JsonNode node, double absent) {
        return node.isNumber() ? node.asDouble() : absent;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ModelFormatException("metadata." + field + " is missing or not a string");
        }
        return value.asText();
    }
}
