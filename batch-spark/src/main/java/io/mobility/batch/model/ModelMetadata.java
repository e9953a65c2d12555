package io.mobility.batch.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** metadata.json of a model version (docs/model-format.md); fields beyond the documented ones are extras. */
public final class ModelMetadata {

    private ModelMetadata() {
    }

    public static ObjectNode of(String name, String version, Instant trainedAt, Instant dataFrom, Instant dataTo,
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
}
