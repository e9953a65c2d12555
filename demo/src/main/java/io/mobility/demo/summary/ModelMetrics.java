package io.mobility.demo.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The promoted version of each model and its holdout metrics against its baselines (docs/model-format.md). */
public final class ModelMetrics {

    public static final List<String> MODELS = List.of("demand", "surge");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMetrics() {}

    /** One line per model: version, holdout metrics and baselines; or why there is none. */
    public static List<String> lines(Path lake) {
        List<String> lines = new ArrayList<>();
        for (String model : MODELS) {
            lines.add(String.format("%-7s %s", model, describe(lake, model)));
        }
        return lines;
    }

    /** The metadata of the promoted version, if a model was trained. */
    public static Optional<JsonNode> metadata(Path lake, String model) {
        Path current = lake.resolve("models").resolve(model).resolve("current");
        try {
            if (!Files.isRegularFile(current)) {
                return Optional.empty();
            }
            Path metadata = current.getParent()
                    .resolve(Files.readString(current).trim())
                    .resolve("metadata.json");
            return Files.isRegularFile(metadata) ? Optional.of(JSON.readTree(metadata.toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String describe(Path lake, String model) {
        return metadata(lake, model)
                .map(m -> {
                    JsonNode metrics = m.path("metrics");
                    StringBuilder line = new StringBuilder(
                            "version " + m.path("version").asText() + "  holdout: " + figures(metrics.path("holdout")));
                    metrics.path("baselines")
                            .fields()
                            .forEachRemaining(baseline -> line.append("  |  ")
                                    .append(baseline.getKey())
                                    .append(": ")
                                    .append(figures(baseline.getValue())));
                    return line.toString();
                })
                .orElse("no model trained (models/" + model + "/current missing)");
    }

    /** {@code {"wape": 0.3561042, "rows": 504}} as {@code wape 0.356, rows 504}: readable at a glance. */
    static String figures(JsonNode metrics) {
        if (!metrics.isObject()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        metrics.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            String shown = v.isIntegralNumber()
                    ? v.asText()
                    : v.isNumber() ? String.format(Locale.ROOT, "%.3f", v.asDouble()) : v.isNull() ? "n/a" : v.asText();
            parts.add(f.getKey() + " " + shown);
        });
        return String.join(", ", parts);
    }
}
