package io.mobility.batch.demand;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.batch.JobProgress;
import io.mobility.batch.feature.DemandFeatures;
import io.mobility.batch.feature.FeaturesJob;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains the demand model (ride requests of a zone in the next hour) on {@code gold/features_zone_hour} with
 * rolling-origin evaluation: the last {@code holdoutWeeks} weeks are held out, and for each of those weeks a model
 * trained on everything before it forecasts it. The pooled forecasts are compared with seasonal-naive (same hour last
 * week, {@code lag_168h}) and a trailing mean (the last 24 hours, {@code mean_24h}). The registered model is the
 * last fold's, so its holdout figures are honest; it is promoted only if it beats the current one on that week.
 * The first week of history is a warm-up: its rows lack the 168-hour features; rows with any feature missing are
 * left out (MLlib's trees refuse NaN in training).
 */
public final class DemandTrainer {

    public static final String NAME = "demand";
    public static final String TARGET = "requests";
    public static final String SEASONAL_NAIVE = "lag_168h";
    public static final String TRAILING_MEAN = "mean_24h";

    private static final Duration WEEK = Duration.ofDays(7);

    /** What a training run produced. */
    public record Result(
            String version,
            boolean promoted,
            String promotionReason,
            ForecastMetrics model,
            ForecastMetrics seasonalNaive,
            ForecastMetrics trailingMean,
            double trainSeconds) {}

    private final SparkSession spark;
    private final GbtSettings settings;
    private final int holdoutWeeks;
    private final JobProgress progress;

    public DemandTrainer(SparkSession spark, GbtSettings settings, int holdoutWeeks, JobProgress progress) {
        if (holdoutWeeks < 1) {
            throw new IllegalArgumentException("--holdout-weeks must be at least 1, got " + holdoutWeeks);
        }
        this.spark = spark;
        this.settings = settings;
        this.holdoutWeeks = holdoutWeeks;
        this.progress = progress;
    }

    public Result train(Lake lake, ModelRegistry registry) {
        long started = System.nanoTime();
        String path = lake.gold(FeaturesJob.TABLE);
        Dataset<Row> table = new GoldReader(spark).pinned(path);
        if (table == null) {
            throw new IllegalArgumentException("no Delta table at " + path + ": run 'batch features' first");
        }
        Dataset<Row> observed = table.where(col(TARGET).isNotNull());
        Row span = observed.agg(min("hour_start"), max("hour_start")).first();
        if (span.isNullAt(0)) {
            throw new NotEnoughHistoryException("not enough history in " + path + ": no observed hours to train on");
        }
        Instant first = span.getTimestamp(0).toInstant();
        Instant end = span.getTimestamp(1).toInstant().plusSeconds(3600);
        Instant warmupEnd = first.plus(WEEK);
        Instant holdoutStart = end.minus(WEEK.multipliedBy(holdoutWeeks));
        if (holdoutStart.isBefore(warmupEnd.plus(WEEK))) {
            throw new NotEnoughHistoryException("not enough history in " + path + ": " + first + " .. " + end
                    + " holds " + Duration.between(first, end).toHours() + " hours; training needs a warm-up week, at "
                    + "least one training week and " + holdoutWeeks + " holdout week(s)");
        }
        // MLlib's trees refuse NaN in training vectors: a row trains (and is scored) only when every feature is known,
        // which after the warm-up week drops just the few hours whose longest look-back (171 h) is incomplete.
        Dataset<Row> usable = observed.where(col("hour_start").geq(ts(warmupEnd)))
                .na()
                .drop(DemandFeatures.NAMES.toArray(String[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return evaluateAndRegister(registry, usable, warmupEnd, holdoutStart, end, started);
        } finally {
            usable.unpersist();
        }
    }

    private Result evaluateAndRegister(
            ModelRegistry registry,
            Dataset<Row> usable,
            Instant trainFrom,
            Instant holdoutStart,
            Instant end,
            long started) {
        List<String> features = DemandFeatures.NAMES;
        Dataset<Row> pooled = null;
        ArrayNode folds = JsonNodeFactory.instance.arrayNode();
        GBTRegressionModel last = null;
        Dataset<Row> lastTest = null;
        ForecastMetrics lastFold = null;
        for (int k = 0; k < holdoutWeeks; k++) {
            Instant foldStart = holdoutStart.plus(WEEK.multipliedBy(k));
            Instant foldEnd = foldStart.plus(WEEK);
            Dataset<Row> train = usable.where(col("hour_start").lt(ts(foldStart)));
            Dataset<Row> test = usable.where(
                    col("hour_start").geq(ts(foldStart)).and(col("hour_start").lt(ts(foldEnd))));
            GBTRegressionModel model = settings.regressor(TARGET)
                    .fit(TreePredictions.assembler(features).transform(train));
            Dataset<Row> predicted = TreePredictions.predict(model, features, test, 0.0, null)
                    .select(
                            col("zone_id"),
                            col("hour_start"),
                            col(TARGET),
                            col(SEASONAL_NAIVE),
                            col(TRAILING_MEAN),
                            col(TreePredictions.PREDICTION))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            ForecastMetrics m = ForecastMetrics.of(predicted, TARGET, TreePredictions.PREDICTION);
            ObjectNode fold = folds.addObject();
            fold.put("from", foldStart.toString());
            fold.put("to", foldEnd.toString());
            fold.set("model", m.toJson());
            fold.set(
                    "seasonal_naive",
                    ForecastMetrics.of(predicted, TARGET, SEASONAL_NAIVE).toJson());
            fold.set(
                    "trailing_mean",
                    ForecastMetrics.of(predicted, TARGET, TRAILING_MEAN).toJson());
            progress.stage(String.format(
                    "fold %d/%d %s .. %s: model WAPE %.4f", k + 1, holdoutWeeks, foldStart, foldEnd, m.wape()));
            pooled = pooled == null ? predicted : pooled.unionByName(predicted);
            last = model;
            lastTest = test;
            lastFold = m;
        }
        ForecastMetrics model = ForecastMetrics.of(pooled, TARGET, TreePredictions.PREDICTION);
        ForecastMetrics naive = ForecastMetrics.of(pooled, TARGET, SEASONAL_NAIVE);
        ForecastMetrics trailing = ForecastMetrics.of(pooled, TARGET, TRAILING_MEAN);
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        progress.stage(String.format(
                "holdout WAPE: model %.4f, seasonal-naive %.4f, trailing mean %.4f",
                model.wape(), naive.wape(), trailing.wape()));

        Instant finalTrainEnd = holdoutStart.plus(WEEK.multipliedBy(holdoutWeeks - 1));
        Map<String, ReferenceDistribution> reference =
                TrainingDistributions.of(usable.where(col("hour_start").lt(ts(finalTrainEnd))), features);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.set("holdout", model.toJson());
        ObjectNode baselines = metrics.putObject("baselines");
        baselines.set("seasonal_naive", naive.toJson());
        baselines.set("trailing_mean", trailing.toJson());
        metrics.put(
                "evaluation",
                "rolling origin: " + holdoutWeeks + " weekly fold(s) from " + holdoutStart + " to " + end
                        + ", each forecast by a model trained on all earlier hours");
        metrics.put("seasonal_naive_feature", SEASONAL_NAIVE);
        metrics.put("trailing_mean_feature", TRAILING_MEAN);
        metrics.put("mape_min_actual", ForecastMetrics.MAPE_MIN_ACTUAL);
        metrics.set("folds", folds);
        ObjectNode registered = metrics.putObject("registered_model_holdout");
        registered.put("from", finalTrainEnd.toString());
        registered.put("to", end.toString());
        registered.set("metrics", lastFold.toJson());
        ObjectNode training = metrics.putObject("training");
        training.put("trees", settings.trees());
        training.put("depth", settings.depth());
        training.put("step_size", settings.stepSize());
        training.put("seconds", trainSeconds);

        Instant trainedAt = Instant.now();
        String version = registry.newVersion(NAME, trainedAt);
        ObjectNode metadata = ModelMetadata.json(
                NAME,
                version,
                trainedAt,
                trainFrom,
                finalTrainEnd,
                "ride_requests_next_hour",
                features,
                0.0,
                null,
                metrics,
                reference);
        Promotion.Decision decision =
                Promotion.decide(registry, NAME, lastFold.wape(), lastTest, TARGET, ForecastMetrics::wape, "WAPE");
        GBTRegressionModel finalModel = last;
        metadata.put("promoted", decision.promote());
        metadata.put("promotion_reason", decision.reason());
        registry.publish(
                NAME,
                version,
                dir -> SparkModels.save(finalModel, dir),
                TreeEnsembleExporter.export(finalModel),
                metadata);
        if (decision.promote()) {
            registry.promote(NAME, version);
        }
        progress.stage("demand " + version + (decision.promote() ? " promoted" : " registered, not promoted") + ": "
                + decision.reason());
        return new Result(version, decision.promote(), decision.reason(), model, naive, trailing, trainSeconds);
    }

    private static Column ts(Instant at) {
        return lit(Timestamp.from(at));
    }
}
