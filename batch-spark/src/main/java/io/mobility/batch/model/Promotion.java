package io.mobility.batch.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.lake.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A new version is promoted only if it beats the current one on the same holdout rows: the current version's model
 * is loaded and scored on the new holdout, and the new version must have a strictly lower error (WAPE for demand,
 * MAE for surge). Without a current version, or one that needs features the holdout lacks, the new one wins.
 */
public final class Promotion {

    public record Decision(boolean promote, String reason, Double currentError) {}

    public interface ErrorMetric {
        double of(ForecastMetrics metrics);
    }

    private Promotion() {}

    public static Decision decide(
            ModelRegistry registry,
            String name,
            double candidateError,
            Dataset<Row> holdout,
            String actual,
            ErrorMetric metric,
            String metricName) {
        var current = registry.current(name);
        if (current.isEmpty()) {
            return new Decision(true, "no current " + name + " model", null);
        }
        OptionalDouble currentError = errorOf(registry, name, current.get(), holdout, actual, metric);
        if (currentError.isEmpty()) {
            return new Decision(true, "current version " + current.get() + " cannot be scored on this holdout", null);
        }
        double c = currentError.getAsDouble();
        boolean better = candidateError < c;
        return new Decision(
                better,
                String.format("holdout %s %.4f vs current %s %.4f", metricName, candidateError, current.get(), c),
                c);
    }

    private static OptionalDouble errorOf(
            ModelRegistry registry,
            String name,
            String version,
            Dataset<Row> holdout,
            String actual,
            ErrorMetric metric) {
        JsonNode metadata = registry.metadata(name, version);
        List<String> features = new ArrayList<>();
        metadata.path("features").forEach(f -> features.add(f.asText()));
        if (!List.of(holdout.columns()).containsAll(features)) {
            return OptionalDouble.empty();
        }
        GBTRegressionModel model = GBTRegressionModel.load(registry.sparkModelPath(name, version));
        JsonNode output = metadata.path("output");
        Double min = output.path("min").isNumber() ? output.path("min").asDouble() : null;
        Double max = output.path("max").isNumber() ? output.path("max").asDouble() : null;
        Dataset<Row> scored = TreePredictions.predict(model, features, holdout, min, max);
        return OptionalDouble.of(metric.of(ForecastMetrics.of(scored, actual, TreePredictions.PREDICTION)));
    }
}
