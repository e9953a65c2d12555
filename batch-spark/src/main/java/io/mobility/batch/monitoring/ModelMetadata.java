package io.mobility.batch.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What monitoring needs of a model version's {@code metadata.json}: its features and their reference distributions. */
public record ModelMetadata(String name, String version, List<String> features,
                            Map<String, ReferenceDistribution> references) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses metadata.json; {@code where} (the file) is named in every error. */
    public static ModelMetadata parse(String where, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'features' must be a non-empty array of names");
        }
        List<String> names = new ArrayList<>();
        features.forEach(f -> names.add(f.asText()));
        Map<String, ReferenceDistribution> references = new LinkedHashMap<>();
        JsonNode distributions = root.path("reference_distributions");
        if (!distributions.isObject()) {
            throw new IllegalArgumentException(where + ": 'reference_distributions' must be an object keyed by feature");
        }
        for (String feature : names) {
            JsonNode d = distributions.get(feature);
            if (d == null) {
                continue; // reported by the job: such a feature gets no PSI
            }
            String at = where + ": reference_distributions." + feature;
            references.put(feature, ReferenceDistribution.of(at, numbers(at, d, "edges"), numbers(at, d, "fractions"),
                    number(at, d, "missing_fraction")));
        }
        return new ModelMetadata(root.path("name").asText(null), root.path("version").asText(null),
                List.copyOf(names), references);
    }

    private static double[] numbers(String where, JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException(where + ": '" + field + "[" + i + "]' is not a number: " + array.get(i));
            }
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double number(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a number");
        }
        return value.asDouble();
    }
}
