package io.mobility.batch.surge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.batch.JobProgress;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.model.ForecastMetrics;
import io.mobility.batch.model.GbtSettings;
import io.mobility.batch.model.NotEnoughHistoryException;
import io.mobility.batch.model.Promotion;
import io.mobility.batch.model.SparkModels;
import io.mobility.batch.model.TrainingDistributions;
import io.mobility.batch.model.TreeEnsembleExporter;
import io.mobility.batch.model.TreePredictions;
import io.mobility.lake.ModelMetadata;
import io.mobility.lake.ModelRegistry;
import io.mobility.lake.ReferenceDistribution;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains the surge model: GBT from the live demand/supply features of a five-minute zone window
 * ({@link SurgeWindows}) to the multiplier the pricing rule applied, capped to [1, highest applied multiplier]. The
 * last {@code holdoutWeeks} weeks of windows are held out; the report is the model's error against the applied
 * multiplier (MAE, RMSE) next to the no-surge baseline (always 1.0). Promoted when its holdout MAE beats the
 * current version's on the same windows.
 */
public final class SurgeTrainer {

    public static final String NAME = "surge";

    private static final Duration WEEK = Duration.ofDays(7);

    public record Result(String version, boolean promoted, ForecastMetrics model, ForecastMetrics noSurge) {}

    private final SparkSession spark;
    private final GbtSettings settings;
    private final int holdoutWeeks;
    private final JobProgress progress;

    public SurgeTrainer(SparkSession spark, GbtSettings settings, int holdoutWeeks, JobProgress progress) {
        this.spark = spark;
        this.settings = settings;
        this.holdoutWeeks = holdoutWeeks;
        this.progress = progress;
    }

    public Result train(Lake lake, ModelRegistry registry) {
        long started = System.nanoTime();
        GoldReader reader = new GoldReader(spark);
        Dataset<Row> rides = reader.pinned(lake.gold(GoldTables.FACT_RIDE));
        Dataset<Row> supply = reader.pinned(lake.gold(GoldTables.FACT_ZONE_SUPPLY));
        if (rides == null || supply == null) {
            throw new IllegalArgumentException("the surge model needs " + lake.gold(GoldTables.FACT_RIDE) + " and "
                    + lake.gold(GoldTables.FACT_ZONE_SUPPLY) + ": run 'batch gold' first");
        }
        Dataset<Row> windows = SurgeWindows.compute(rides, supply).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row span = windows.agg(min("window_start"), max("window_start")).first();
            if (span.isNullAt(0)) {
                throw new IllegalArgumentException(
                        lake.gold(GoldTables.FACT_RIDE) + " has no requested rides to learn surge from");
            }
            Instant first = span.getTimestamp(0).toInstant();
            Instant end = span.getTimestamp(1).toInstant().plusSeconds(SurgeWindows.WINDOW_MINUTES * 60L);
            Instant holdoutStart = end.minus(WEEK.multipliedBy(holdoutWeeks));
            if (!holdoutStart.isAfter(first)) {
                throw new NotEnoughHistoryException("not enough history for the surge model: " + first + " .. " + end
                        + " is shorter than the " + holdoutWeeks + " holdout week(s) plus training data");
            }
            Timestamp cut = Timestamp.from(holdoutStart);
            Dataset<Row> train = windows.where(col("window_start").lt(lit(cut)));
            Dataset<Row> holdout = windows.where(col("window_start").geq(lit(cut)));
            List<String> features = SurgeWindows.FEATURES;
            double cap = train.agg(max(SurgeWindows.TARGET)).first().getDouble(0);
            GBTRegressionModel model = settings.regressor(SurgeWindows.TARGET)
                    .fit(TreePredictions.assembler(features).transform(train));
            Dataset<Row> predicted =
                    TreePredictions.predict(model, features, holdout, 1.0, cap).withColumn("no_surge", lit(1.0));
            ForecastMetrics m = ForecastMetrics.of(predicted, SurgeWindows.TARGET, TreePredictions.PREDICTION);
            ForecastMetrics none = ForecastMetrics.of(predicted, SurgeWindows.TARGET, "no_surge");
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.stage(String.format(
                    "surge holdout MAE against the applied multiplier: model %.4f, no-surge %.4f",
                    m.mae(), none.mae()));

            ObjectNode metrics = JsonNodeFactory.instance.objectNode();
            metrics.set("holdout", m.toJson());
            metrics.putObject("baselines").set("no_surge", none.toJson());
            metrics.put("target", "mean surge multiplier applied to the rides requested in a 5-minute zone window");
            metrics.put("evaluation", "holdout " + holdoutStart + " .. " + end + ", model trained on earlier windows");
            metrics.putObject("training")
                    .put("seconds", seconds)
                    .put("trees", settings.trees())
                    .put("depth", settings.depth());
            Map<String, ReferenceDistribution> reference = TrainingDistributions.of(train, features);
            Instant trainedAt = Instant.now();
            String version = registry.newVersion(NAME, trainedAt);
            ObjectNode metadata = ModelMetadata.json(
                    NAME,
                    version,
                    trainedAt,
                    first,
                    holdoutStart,
                    "surge_multiplier",
                    features,
                    1.0,
                    cap,
                    metrics,
                    reference);
            metadata.put("window_minutes", SurgeWindows.WINDOW_MINUTES);
            Promotion.Decision decision = Promotion.decide(
                    registry, NAME, m.mae(), holdout, SurgeWindows.TARGET, ForecastMetrics::mae, "MAE");
            metadata.put("promoted", decision.promote());
            metadata.put("promotion_reason", decision.reason());
            registry.publish(
                    NAME, version, dir -> SparkModels.save(model, dir), TreeEnsembleExporter.export(model), metadata);
            if (decision.promote()) {
                registry.promote(NAME, version);
            }
            progress.stage("surge " + version + (decision.promote() ? " promoted" : " registered, not promoted") + ": "
                    + decision.reason());
            return new Result(version, decision.promote(), m, none);
        } finally {
            windows.unpersist();
        }
    }
}
