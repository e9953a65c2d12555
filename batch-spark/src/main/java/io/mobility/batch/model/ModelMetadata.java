package io.mobility.batch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metadata.json} of a model version (docs/model-format.md): the trainer writes it ({@link #json}), monitoring
 * reads back what it needs — the features in vector order and their reference distributions ({@link #parse}).
 */
public record ModelMetadata(String name, String version, List<String> features,
                            Map<String, ReferenceDistribution> references) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document a trainer publishes; {@code promoted} starts false and is set when the version is promoted. */
    public static ObjectNode json(String name, String version, Instant trainedAt, Instant dataFrom, Instant dataTo,
                                  String target, List<String> features, Double outputMin, Double outputMax,
                                  ObjectNode metrics, Map<String, ReferenceDistribution> reference) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", name);
        root.put("version", version);
        root.put("trained_at", trainedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode window = root.putObject("data_window");
        window.put("from", dataFrom.toString());
        window.put("to", dataTo.toString());
        root.put("target", target);
        features.forEach(root.putArray("features")::add);
        ObjectNode output = root.putObject("output");
        if (outputMin == null) {
            output.putNull("min");
        } else {
            output.put("min", outputMin);
        }
        if (outputMax == null) {
            output.putNull("max");
        } else {
            output.put("max", outputMax);
        }
        root.set("metrics", metrics);
        ObjectNode distributions = root.putObject("reference_distributions");
        for (String f : features) {
            distributions.set(f, reference.get(f).toJson());
        }
        root.put("promoted", false);
        return root;
    }

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
                continue; // reported by the monitoring job: such a feature gets no PSI
            }
            String at = where + ": reference_distributions." + feature;
            references.put(feature, ReferenceDistribution.fromMetadata(at, numbers(at, d, "edges"),
                    numbers(at, d, "fractions"), number(at, d, "missing_fraction")));
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
