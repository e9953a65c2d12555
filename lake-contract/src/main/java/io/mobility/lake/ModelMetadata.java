package io.mobility.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metadata.json} of a model version (docs/model-format.md): the trainer writes it ({@link #json}), monitoring
 * and the service read it back ({@link #parse}). {@code raw} is the document as written, so that the service can
 * serve every field, including ones it does not interpret; an absent {@code output} bound is an infinity.
 *
 * @param name null when the file names none (see {@link #requireIdentity})
 * @param version null when the file names none
 * @param trainedAt null when the file has no {@code trained_at}
 * @param references per feature that has one, in {@code features} order
 */
public record ModelMetadata(
        String name,
        String version,
        Instant trainedAt,
        List<String> features,
        double outputMin,
        double outputMax,
        Map<String, ReferenceDistribution> references,
        JsonNode raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document a trainer publishes; {@code promoted} starts false and is set when the version is promoted. */
    public static ObjectNode json(
            String name,
            String version,
            Instant trainedAt,
            Instant dataFrom,
            Instant dataTo,
            String target,
            List<String> features,
            Double outputMin,
            Double outputMax,
            ObjectNode metrics,
            Map<String, ReferenceDistribution> reference) {
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
            throw new LakeFormatException(where + ": not valid JSON: " + e.getMessage(), e);
        }
        return parse(where, root);
    }

    /**
     * Parses a metadata document already read. A feature without a reference distribution is allowed (monitoring
     * reports it and computes no PSI for it); a malformed distribution is not.
     */
    public static ModelMetadata parse(String where, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new LakeFormatException(where + ": expected a JSON object");
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new LakeFormatException(where + ": 'features' must be a non-empty array of names");
        }
        List<String> names = new ArrayList<>();
        features.forEach(f -> names.add(f.asText()));
        Map<String, ReferenceDistribution> references = new LinkedHashMap<>();
        JsonNode distributions = root.path("reference_distributions");
        if (!distributions.isObject()) {
            throw new LakeFormatException(where + ": 'reference_distributions' must be an object keyed by feature");
        }
        for (String feature : names) {
            JsonNode d = distributions.get(feature);
            if (d != null) {
                String at = where + ": reference_distributions." + feature;
                references.put(feature, ReferenceDistribution.fromJson(at, d));
            }
        }
        JsonNode output = root.path("output");
        return new ModelMetadata(
                text(where, root, "name"),
                text(where, root, "version"),
                trainedAt(where, root),
                List.copyOf(names),
                bound(output.path("min"), Double.NEGATIVE_INFINITY),
                bound(output.path("max"), Double.POSITIVE_INFINITY),
                references,
                root);
    }

    /** The metadata of a version that can be served: it names itself and its training time. */
    public ModelMetadata requireIdentity(String where) {
        String missing = name == null ? "name" : version == null ? "version" : trainedAt == null ? "trained_at" : null;
        if (missing != null) {
            throw new LakeFormatException(where + ": '" + missing + "' is missing");
        }
        return this;
    }

    /** Applies {@code output.min}/{@code output.max}, as the batch scorer does. */
    public double cap(double prediction) {
        return Math.max(outputMin, Math.min(outputMax, prediction));
    }

    private static String text(String where, JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new LakeFormatException(where + ": '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static Instant trainedAt(String where, JsonNode root) {
        JsonNode value = root.path("trained_at");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new LakeFormatException(where + ": 'trained_at' is not an ISO-8601 instant: " + value);
        }
    }

    private static double bound(JsonNode node, double absent) {
        return node.isNumber() ? node.asDouble() : absent;
    }
}
