package io.mobility.serve.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.serve.model.ModelFormatException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code monitoring/latest.json} (docs/model-format.md, "Monitoring snapshot"): checked for the fields the API and
 * the monitoring page rely on, then served as written.
 */
public record MonitoringSnapshot(Instant generatedAt, JsonNode models) {

    public static MonitoringSnapshot parse(JsonNode root) {
        Instant generatedAt;
        try {
            generatedAt = Instant.parse(root.path("generated_at").asText());
        } catch (DateTimeParseException e) {
            throw new ModelFormatException("monitoring snapshot: generated_at is not an ISO-8601 instant: "
                    + root.get("generated_at"));
        }
        JsonNode models = root.path("models");
        if (!models.isObject()) {
            throw new ModelFormatException("monitoring snapshot: models must be an object keyed by model name");
        }
        models.fields().forEachRemaining(model -> {
            for (String field : new String[] {"version", "metrics", "drift"}) {
                if (!model.getValue().has(field)) {
                    throw new ModelFormatException("monitoring snapshot: models." + model.getKey() + "." + field + " is missing");
                }
            }
        });
        return new MonitoringSnapshot(generatedAt, models);
    }
}
