package io.mobility.batch.scoring;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.tables.DeltaTable;
import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.aggregate.AggregateTables;
import io.mobility.batch.demand.DemandTrainer;
import io.mobility.batch.feature.ClosedHours;
import io.mobility.batch.feature.ZoneHourGrid;
import io.mobility.batch.feature.ZoneHourSeries;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.lake.ModelRegistry;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code batch score [--horizon H]}: forecasts every zone's requests for the H hours after the last observed hour
 * with the current demand model ({@link RecursiveForecast}), MERGEs them into {@code gold/predictions} keyed by
 * (zone_id, target_hour, model_name, model_version) and records the run in {@code gold/scoring_runs}. A key whose
 * prediction and horizon are unchanged is left alone (its run_id and scored_at stay those of the run that wrote
 * it), so rerunning on the same data changes nothing in predictions.
 */
public final class ScoreJob implements BatchJob {

    public static final String NAME = "score";
    public static final String PREDICTIONS = "predictions";
    public static final String RUNS = "scoring_runs";
    public static final int DEFAULT_HORIZON = 24;

    static final StructType PREDICTION_SCHEMA = new StructType()
            .add("zone_id", DataTypes.StringType, false)
            .add("target_hour", DataTypes.TimestampType, false)
            .add("model_name", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("prediction", DataTypes.DoubleType, false)
            .add("horizon_hours", DataTypes.IntegerType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("scored_at", DataTypes.TimestampType, false)
            .add("date", DataTypes.DateType, false);

    static final StructType RUN_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model_name", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("rows_scored", DataTypes.LongType, false)
            .add("duration_ms", DataTypes.LongType, false)
            .add("started_at", DataTypes.TimestampType, false);

    /** What a scoring run did. */
    public record Outcome(String runId, String modelVersion, long rowsScored, long durationMs, boolean tableChanged) {}

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        int horizon = (int) options.longOption("horizon", DEFAULT_HORIZON);
        if (horizon < 1 || horizon > 168) {
            throw new IllegalArgumentException("option --horizon must be between 1 and 168 hours, got " + horizon);
        }
        score(spark, lake, horizon, ClosedHours.lastClosed(spark, lake, options), JobProgress.stdout(NAME));
    }

    /** Scores after the data's last closed hour ({@link ClosedHours}). */
    public static Outcome score(SparkSession spark, Lake lake, int horizon, JobProgress progress) {
        return score(spark, lake, horizon, ClosedHours.lastClosed(spark, lake, BatchOptions.defaults()), progress);
    }

    /** Scores the {@code horizon} hours after {@code lastObserved}, the last closed hour. */
    public static Outcome score(
            SparkSession spark, Lake lake, int horizon, Instant lastObserved, JobProgress progress) {
        Instant started = Instant.now();
        String runId = UUID.randomUUID().toString();
        ModelRegistry registry = ModelRegistry.inLake(lake.root(), LakeFiles.of(spark));
        String model = DemandTrainer.NAME;
        String version = registry.current(model)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no promoted " + model + " model under " + lake.root() + "/models: run 'batch train' first"));
        JsonNode metadata = registry.metadata(model, version);
        List<String> features = new ArrayList<>();
        metadata.path("features").forEach(f -> features.add(f.asText()));
        JsonNode output = metadata.path("output");
        GBTRegressionModel gbt = GBTRegressionModel.load(registry.sparkModelPath(model, version));

        GoldReader reader = new GoldReader(spark);
        Dataset<Row> agg = reader.pinned(lake.gold(AggregateTables.ZONE_HOUR));
        Dataset<Row> zones = reader.pinned(lake.gold(GoldTables.DIM_ZONE));
        if (agg == null || zones == null) {
            throw new IllegalArgumentException("scoring needs " + lake.gold(AggregateTables.ZONE_HOUR) + " and "
                    + lake.gold(GoldTables.DIM_ZONE) + ": run 'batch gold' and 'batch aggregates' first");
        }
        // one small collect (zones x look-back hours); the recursion then runs on the driver without Spark jobs
        List<Row> history = ZoneHourGrid.build(
                        spark,
                        agg,
                        zones,
                        lastObserved.minus(ZoneHourSeries.LOOKBACK_HOURS - 1, ChronoUnit.HOURS),
                        lastObserved)
                .where(col("requests").isNotNull())
                .collectAsList();
        progress.rows("history up to " + lastObserved + " (zone-hours)", history.size());
        List<RecursiveForecast.Forecast> forecasts = new RecursiveForecast(
                        gbt,
                        features,
                        output.path("min").isNumber() ? output.path("min").asDouble() : null,
                        output.path("max").isNumber() ? output.path("max").asDouble() : null)
                .forecast(history, lastObserved, horizon);
        Timestamp scoredAt = Timestamp.from(started.truncatedTo(ChronoUnit.MILLIS));
        List<Row> rows = new ArrayList<>(forecasts.size());
        for (RecursiveForecast.Forecast f : forecasts) {
            rows.add(RowFactory.create(
                    f.zoneId(),
                    Timestamp.from(f.hour()),
                    model,
                    version,
                    f.prediction(),
                    f.horizon(),
                    runId,
                    scoredAt,
                    Date.valueOf(f.hour().atZone(ZoneOffset.UTC).toLocalDate())));
        }
        Dataset<Row> predictions = spark.createDataFrame(rows, PREDICTION_SCHEMA);
        boolean changed = merge(spark, lake.gold(PREDICTIONS), predictions);
        long duration = java.time.Duration.between(started, Instant.now()).toMillis();
        spark.createDataFrame(
                        List.of(RowFactory.create(
                                runId, model, version, (long) rows.size(), duration, Timestamp.from(started))),
                        RUN_SCHEMA)
                .coalesce(1)
                .write()
                .format("delta")
                .mode("append")
                .save(lake.gold(RUNS));
        progress.rows(
                PREDICTIONS + (changed ? " merged" : " unchanged (same forecasts already stored)") + ", model " + model
                        + " " + version + ", horizon " + horizon + " h",
                rows.size());
        return new Outcome(runId, version, rows.size(), duration, changed);
    }

    /** MERGE that inserts new keys and updates only keys whose forecast changed; no commit when nothing would. */
    private static boolean merge(SparkSession spark, String path, Dataset<Row> predictions) {
        DeltaTable table = DeltaTable.createIfNotExists(spark)
                .location(path)
                .addColumns(PREDICTION_SCHEMA)
                .partitionedBy("date")
                .property("delta.enableChangeDataFeed", "true")
                .execute();
        String key = "t.zone_id = s.zone_id AND t.target_hour = s.target_hour AND t.model_name = s.model_name"
                + " AND t.model_version = s.model_version";
        String same = "t.prediction <=> s.prediction AND t.horizon_hours <=> s.horizon_hours";
        Dataset<Row> changed = predictions
                .as("s")
                .join(table.toDF().as("t"), org.apache.spark.sql.functions.expr(key + " AND " + same), "left_anti");
        if (changed.isEmpty()) {
            return false;
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (String c : predictions.columns()) {
            set.put(c, "s." + c);
        }
        table.as("t")
                .merge(predictions.as("s"), key)
                .whenMatched("NOT (" + same + ")")
                .updateExpr(set)
                .whenNotMatched()
                .insertExpr(set)
                .execute();
        return true;
    }
}
