package io.mobility.batch.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <lake>/monitoring/latest.json} as docs/model-format.md defines it: per model, the version monitored, its
 * metrics over the window, prediction volume, drift and the city's forecast against actual. Other models' entries
 * of an existing snapshot are kept, so monitoring {@code demand} does not erase {@code surge}.
 */
public final class MonitoringSnapshot {

    /** What the snapshot says about one model. */
    public record ModelEntry(String version, MonitorWindow window, ErrorSums errors, long expected,
                             List<FeatureDrift> drift, Instant driftFrom, Instant driftTo,
                             List<ForecastSeries.HourPoint> forecastVsActual) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MonitoringSnapshot() {
    }

    /** The snapshot's JSON with {@code model} replaced; {@code previous} is the current file's text, if any. */
    public static byte[] render(Optional<String> previous, Instant generatedAt, String model, ModelEntry entry) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", generatedAt.toString());
        ObjectNode models = root.putObject("models");
        previous.map(MonitoringSnapshot::modelsOf).ifPresent(old -> old.fields().forEachRemaining(f -> {
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

    private static ObjectNode entry(ModelEntry e) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", e.version());
        ObjectNode window = m.putObject("window");
        window.put("from", e.window().from().toString());
        window.put("to", e.window().to().toString());
        ObjectNode metrics = m.putObject("metrics");
        metrics.put("mae", rounded(e.errors().mae()));
        metrics.put("rmse", rounded(e.errors().rmse()));
        metrics.put("mape", rounded(e.errors().mape()));
        metrics.put("wape", rounded(e.errors().wape()));
        metrics.put("rows", e.errors().rows());
        ObjectNode volume = m.putObject("volume");
        volume.put("predictions", e.errors().rows());
        volume.put("expected", e.expected());
        ObjectNode drift = m.putObject("drift");
        drift.put("flag", RollingDrift.flagged(e.drift()));
        if (e.driftFrom() != null) {
            ObjectNode driftWindow = drift.putObject("window");
            driftWindow.put("from", e.driftFrom().toString());
            driftWindow.put("to", e.driftTo().toString());
        }
        ObjectNode features = drift.putObject("features");
        for (FeatureDrift f : e.drift()) {
            ObjectNode node = features.putObject(f.feature());
            node.put("psi", rounded(f.psi()));
            node.put("band", f.band().label());
            node.put("missing_rate_shift", rounded(f.missingRateShift()));
            node.put("missing_rate_current", rounded(f.missingRateCurrent()));
            node.put("missing_rate_reference", f.missingRateReference());
            node.put("raises_flag", f.raisesFlag());
        }
        var points = m.putArray("forecast_vs_actual");
        for (ForecastSeries.HourPoint p : e.forecastVsActual()) {
            ObjectNode point = points.addObject();
            point.put("hour", p.hour().toString());
            point.put("predicted", p.predicted());
            point.put("actual", p.actual());
        }
        return m;
    }

    /** Six decimals: what a person reads, without float noise such as a PSI of 1.6E-29 for "no change". */
    static final int DECIMALS = 6;

    private static Double rounded(Double value) {
        return Decimals.rounded(value, DECIMALS);
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
