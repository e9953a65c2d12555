package io.mobility.demo.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The promoted version of each model and its holdout metrics against its baselines (docs/model-format.md). */
public final class ModelMetrics {

    public static final List<String> MODELS = List.of("demand", "surge");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMetrics() {
    }

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
            Path metadata = current.getParent().resolve(Files.readString(current).trim()).resolve("metadata.json");
            return Files.isRegularFile(metadata) ? Optional.of(JSON.readTree(metadata.toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String describe(Path lake, String model) {
        return metadata(lake, model).map(m -> "version " + m.path("version").asText()
                        + "  holdout " + compact(m.path("metrics").path("holdout"))
                        + "  baselines " + compact(m.path("metrics").path("baselines")))
                .orElse("no model trained (models/" + model + "/current missing)");
    }

    private static String compact(JsonNode node) {
        return node.isMissingNode() ? "-" : node.toString().replace("\"", "");
    }
}
