package io.mobility.batch.monitoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.aggregate.AggregateTables;
import io.mobility.batch.feature.ClosedHours;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.gold.SurrogateKeys;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.lake.ModelRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code batch monitor}: how the model's past predictions did against what happened (MAE, RMSE, MAPE, WAPE per
 * version and day), whether they came in the expected number, and whether the features drifted from what the model
 * was trained on (PSI per feature, missing-rate shift). Writes {@code gold/model_monitoring_metrics},
 * {@code gold/model_drift_details}, {@code monitoring/latest.json} and two charts under {@code monitoring/charts/}.
 * See docs/monitoring.md.
 */
public final class MonitorJob implements BatchJob {

    public static final String NAME = "monitor";
    public static final String FEATURES = "features_zone_hour";
    public static final String PREDICTIONS = "predictions";
    /** Hours of the city total the snapshot carries for the service's chart. */
    static final int SNAPSHOT_HOURS = 72;

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        JobProgress progress = JobProgress.stdout(NAME);
        String model = options.option("model").orElse("demand");
        int days = (int) options.longOption("days", 7);
        int chartZones = (int) options.longOption("chart-zones", 3);
        GoldReader reader = new GoldReader(spark);

        Dataset<Row> zoneHours = required(reader, lake, AggregateTables.ZONE_HOUR, "batch aggregates");
        Dataset<Row> predictions = required(reader, lake, PREDICTIONS, "batch score");
        MonitorWindow window = MonitorWindow.ending(end(spark, lake, zoneHours, options), days);
        progress.stage("model " + model + ", window " + window.from() + " .. " + window.to() + " (" + days
                + " days, up to the last closed hour)");

        Dataset<Row> compared = PredictionErrors.withActuals(
                        predictions.filter(col("model_name")
                                .equalTo(lit(model))
                                .and(col("target_hour").geq(lit(Timestamp.from(window.from()))))
                                .and(col("target_hour").lt(lit(Timestamp.from(window.to()))))),
                        zoneHours)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<VersionDay, ErrorSums> errors = PredictionErrors.sums(compared);
            if (errors.isEmpty()) {
                progress.stage(
                        "no predictions of model '" + model + "' for observed hours in the window: nothing to monitor");
                return;
            }
            progress.rows(
                    "predictions compared with actuals",
                    errors.values().stream().mapToLong(ErrorSums::rows).sum());
            Map<String, String> zoneNames = zoneNames(required(reader, lake, GoldTables.DIM_ZONE, "batch gold"));
            long expectedPerHour = zoneNames.size();

            TreeSet<String> versions = new TreeSet<>();
            errors.keySet().forEach(k -> versions.add(k.version()));
            ModelRegistry registry = ModelRegistry.inLake(lake.root(), LakeFiles.of(spark));
            Dataset<Row> features = reader.pinned(lake.gold(FEATURES));
            Map<String, Map<LocalDate, List<FeatureDrift>>> drift = new LinkedHashMap<>();
            for (String version : versions) {
                // A version is assessed on the days it predicted, the grain of the metrics table.
                Map<LocalDate, List<FeatureDrift>> byDay = new LinkedHashMap<>();
                drift(registry, model, version, features, window, progress).forEach((day, list) -> {
                    if (errors.containsKey(new VersionDay(version, day))) {
                        byDay.put(day, list);
                    }
                });
                drift.put(version, byDay);
            }

            Instant computedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            MonitoringTables tables = new MonitoringTables(spark, lake);
            List<MonitoringTables.DayMetrics> metrics = new ArrayList<>();
            errors.forEach((key, sums) -> metrics.add(new MonitoringTables.DayMetrics(
                    key,
                    sums,
                    expectedPerHour * window.hoursOf(key.day()),
                    RollingDrift.flagged(drift.get(key.version()).getOrDefault(key.day(), List.of())))));
            progress.rows(
                    MonitoringTables.METRICS + " rows new or changed", tables.writeMetrics(model, metrics, computedAt));
            List<MonitoringTables.DayDrift> details = new ArrayList<>();
            drift.forEach((version, byDay) ->
                    byDay.forEach((day, list) -> list.forEach(f -> details.add(new MonitoringTables.DayDrift(
                            new VersionDay(version, day), f, window.driftStart(day), window.driftEnd(day))))));
            progress.rows(
                    MonitoringTables.DRIFT + " rows new or changed", tables.writeDrift(model, details, computedAt));

            String shown = registry.current(model).filter(versions::contains).orElse(versions.last());
            new MonitoringOutputs(lake, LakeFiles.of(spark))
                    .write(
                            model,
                            shown,
                            window,
                            metrics,
                            drift.get(shown),
                            ForecastSeries.of(compared, shown, chartZones, zoneNames),
                            computedAt,
                            progress);
            metrics.stream()
                    .filter(m -> m.driftFlag())
                    .forEach(m -> progress.stage("DRIFT flagged for " + model + " "
                            + m.key().version() + " on " + m.key().day()));
            progress.stage("done");
        } finally {
            compared.unpersist();
        }
    }

    /** Per day of the window, the drift of the version's features; empty when the version cannot be assessed. */
    private static Map<LocalDate, List<FeatureDrift>> drift(
            ModelRegistry registry,
            String model,
            String version,
            Dataset<Row> features,
            MonitorWindow window,
            JobProgress progress) {
        var metadata = registry.describe(model, version);
        if (metadata.isEmpty()) {
            progress.stage(
                    "WARNING: models/" + model + "/" + version + "/metadata.json not found: no drift for " + version);
            return Map.of();
        }
        if (features == null) {
            progress.stage("WARNING: gold/" + FEATURES + " not found (run 'batch features'): no drift for " + version);
            return Map.of();
        }
        List<String> unreferenced = metadata.get().features().stream()
                .filter(f -> !metadata.get().references().containsKey(f))
                .toList();
        if (!unreferenced.isEmpty()) {
            progress.stage(
                    "WARNING: " + version + " has no reference distribution for " + unreferenced + ": no PSI for them");
        }
        List<String> absent =
                FeatureBinning.absent(features, metadata.get().references().keySet());
        if (!absent.isEmpty()) {
            progress.stage("WARNING: gold/" + FEATURES + " has no column for " + absent + ": counted as missing");
        }
        Dataset<Row> inWindow = features.filter(col("hour_start")
                .geq(lit(Timestamp.from(window.featuresFrom())))
                .and(col("hour_start").lt(lit(Timestamp.from(window.to())))));
        var counts = FeatureBinning.countsPerHour(inWindow, metadata.get().references());
        progress.stage("feature bins counted for " + version + ": " + counts.size() + " hours, "
                + metadata.get().references().size() + " features");
        return RollingDrift.perDay(window, metadata.get().references(), counts);
    }

    private static Dataset<Row> required(GoldReader reader, Lake lake, String table, String producer) {
        Dataset<Row> rows = reader.pinned(lake.gold(table));
        if (rows == null) {
            throw new IllegalArgumentException(
                    "gold/" + table + " not found under " + lake.root() + ": run '" + producer + "' first");
        }
        return rows;
    }

    /**
     * End of the window (exclusive): after the last closed hour ({@link ClosedHours}: the hour before the latest ride
     * request's, or before {@code --as-of}'s when that is earlier): the hour still filling up has a partial count in
     * agg_zone_hour, too low an actual that would make every forecast of it look too high. Never after the last hour
     * agg_zone_hour has: aggregates older than gold would make the hours they lack look like hours without a single
     * request.
     */
    static Instant end(SparkSession spark, Lake lake, Dataset<Row> zoneHours, BatchOptions options) {
        Row last = zoneHours.agg(max(col("hour_start"))).head();
        if (last.isNullAt(0)) {
            throw new IllegalArgumentException(
                    "gold/" + AggregateTables.ZONE_HOUR + " is empty: no actuals to compare with");
        }
        Instant aggregated = last.getTimestamp(0).toInstant().plus(Duration.ofHours(1));
        Instant closed = ClosedHours.lastClosed(spark, lake, options).plus(Duration.ofHours(1));
        return closed.isBefore(aggregated) ? closed : aggregated;
    }

    /** Zones the city has (dim_zone without its UNKNOWN member): every one is expected a prediction per hour. */
    private static Map<String, String> zoneNames(Dataset<Row> dimZone) {
        Map<String, String> names = new HashMap<>();
        for (Row r : dimZone.filter(col("zone_id").notEqual(lit(SurrogateKeys.UNKNOWN)))
                .select("zone_id", "name")
                .collectAsList()) {
            names.put(r.getString(0), r.getString(1));
        }
        return names;
    }
}
