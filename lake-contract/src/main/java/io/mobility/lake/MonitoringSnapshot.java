package io.mobility.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code <lake>/monitoring/latest.json} (docs/model-format.md, "Monitoring snapshot"): per model, the version
 * monitored, its metrics over the window, prediction volume, drift and the city's forecast against actual. The
 * monitoring job writes one model's entry at a time ({@link #render}), keeping the other models' entries; the service
 * checks the fields it relies on ({@link #parse}) and serves {@code models} as written.
 */
public record MonitoringSnapshot(Instant generatedAt, JsonNode models) {

    /** Where the snapshot lives, relative to the lake's root. */
    public static final String PATH = "monitoring/latest.json";

    /** What the snapshot says about one model; a metric with nothing to compute it from is null. */
    public record ModelEntry(
            String version,
            Instant windowFrom,
            Instant windowTo,
            Metrics metrics,
            long expected,
            boolean driftFlag,
            Instant driftFrom,
            Instant driftTo,
            List<FeatureEntry> drift,
            List<HourPoint> forecastVsActual) {}

    /** {@code metrics}; {@code rows} is also the volume of predictions. */
    public record Metrics(Double mae, Double rmse, Double mape, Double wape, long rows) {}

    /** One feature under {@code drift.features}. */
    public record FeatureEntry(
            String feature,
            Double psi,
            String band,
            Double missingRateShift,
            Double missingRateCurrent,
            double missingRateReference,
            boolean raisesFlag) {}

    /** One hour of {@code forecast_vs_actual} (or of a chart's series). */
    public record HourPoint(Instant hour, double predicted, double actual) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The snapshot's path or URI in the lake at {@code lakeRoot}. */
    public static String location(String lakeRoot) {
        return lakeRoot + "/" + PATH;
    }

    /** The snapshot's bytes with {@code model} replaced; {@code previous} is the current file's text, if any. */
    public static byte[] render(Optional<String> previous, Instant generatedAt, String model, ModelEntry entry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", generatedAt.toString());
        ObjectNode models = root.putObject("models");
        previous.map(MonitoringSnapshot::modelsOf)
                .ifPresent(old -> old.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals(model)) {
                        models.set(f.getKey(), f.getValue());
                    }
                }));
        models.set(model, entry(entry));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a snapshot, refusing one without the fields the API and the monitoring page rely on. */
    public static MonitoringSnapshot parse(JsonNode root) {
        Instant generatedAt;
        try {
            generatedAt = Instant.parse(root.path("generated_at").asText());
        } catch (DateTimeParseException e) {
            throw new LakeFormatException(
                    "monitoring snapshot: generated_at is not an ISO-8601 instant: " + root.get("generated_at"));
        }
        JsonNode models = root.path("models");
        if (!models.isObject()) {
            throw new LakeFormatException("monitoring snapshot: models must be an object keyed by model name");
        }
        models.fields().forEachRemaining(model -> {
            for (String field : new String[] {"version", "metrics", "drift"}) {
                if (!model.getValue().has(field)) {
                    throw new LakeFormatException(
                            "monitoring snapshot: models." + model.getKey() + "." + field + " is missing");
                }
            }
        });
        return new MonitoringSnapshot(generatedAt, models);
    }

    private static ObjectNode entry(ModelEntry e) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", e.version());
        ObjectNode window = m.putObject("window");
        window.put("from", e.windowFrom().toString());
        window.put("to", e.windowTo().toString());
        ObjectNode metrics = m.putObject("metrics");
        metrics.put("mae", e.metrics().mae());
        metrics.put("rmse", e.metrics().rmse());
        metrics.put("mape", e.metrics().mape());
        metrics.put("wape", e.metrics().wape());
        metrics.put("rows", e.metrics().rows());
        ObjectNode volume = m.putObject("volume");
        volume.put("predictions", e.metrics().rows());
        volume.put("expected", e.expected());
        ObjectNode drift = m.putObject("drift");
        drift.put("flag", e.driftFlag());
        if (e.driftFrom() != null) {
            ObjectNode driftWindow = drift.putObject("window");
            driftWindow.put("from", e.driftFrom().toString());
            driftWindow.put("to", e.driftTo().toString());
        }
        ObjectNode features = drift.putObject("features");
        for (FeatureEntry f : e.drift()) {
            ObjectNode node = features.putObject(f.feature());
            node.put("psi", f.psi());
            node.put("band", f.band());
            node.put("missing_rate_shift", f.missingRateShift());
            node.put("missing_rate_current", f.missingRateCurrent());
            node.put("missing_rate_reference", f.missingRateReference());
            node.put("raises_flag", f.raisesFlag());
        }
        ArrayNode points = m.putArray("forecast_vs_actual");
        for (HourPoint p : e.forecastVsActual()) {
            ObjectNode point = points.addObject();
            point.put("hour", p.hour().toString());
            point.put("predicted", p.predicted());
            point.put("actual", p.actual());
        }
        return m;
    }

    private static JsonNode modelsOf(String json) {
        try {
            JsonNode models = JSON.readTree(json).path("models");
            return models.isObject() ? models : null;
        } catch (IOException e) {
            return null; // an unreadable old snapshot is simply replaced
        }
    }
}
