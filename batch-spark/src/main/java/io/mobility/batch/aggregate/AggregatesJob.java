package io.mobility.batch.aggregate;

import static org.apache.spark.sql.functions.col;

import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.lake.DeltaMerge;
import io.mobility.batch.lake.DeltaPaths;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.RunState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code batch aggregates}: reads the change data feed of the gold facts since its last run, finds the days those
 * changes touch, and recomputes exactly those days of every aggregate (a late ride updates its own hour and day).
 */
public final class AggregatesJob implements BatchJob {

    public static final String NAME = "aggregates";

    private static final List<String> SOURCES =
            List.of(GoldTables.FACT_RIDE, GoldTables.FACT_DRIVER_ACTIVITY, GoldTables.FACT_ZONE_SUPPLY);

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        JobProgress progress = JobProgress.stdout(NAME);
        RunState state = new RunState(spark, lake);
        Map<String, Long> last = state.lastVersions(NAME);
        Map<String, Long> reached = new LinkedHashMap<>();
        GoldReader reader = new GoldReader(spark);

        Dataset<Row> changedDays = null;
        Map<String, Dataset<Row>> facts = new LinkedHashMap<>();
        for (String table : SOURCES) {
            String path = lake.gold(table);
            if (!DeltaPaths.isDeltaTable(spark, path)) {
                continue;
            }
            long current = DeltaPaths.currentVersion(spark, path);
            reached.put(path, current);
            facts.put(
                    table,
                    spark.read().format("delta").option("versionAsOf", current).load(path));
            Dataset<Row> days = changedDays(spark, path, last.get(path), current);
            changedDays = changedDays == null ? days : changedDays.union(days);
        }
        if (changedDays == null) {
            progress.stage("no gold facts yet: run 'batch gold' first");
            return;
        }
        Dataset<Row> days = changedDays.distinct().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long dayCount = days.count();
            progress.rows("days touched by fact changes", dayCount);
            if (dayCount > 0) {
                publish(spark, lake, progress, days, facts);
            }
            state.record(NAME, UUID.randomUUID().toString(), reached);
            progress.stage("done");
        } finally {
            days.unpersist();
        }
    }

    private static void publish(
            SparkSession spark, Lake lake, JobProgress progress, Dataset<Row> days, Map<String, Dataset<Row>> facts) {
        Dataset<Row> rides = onDays(facts.get(GoldTables.FACT_RIDE), days, spark);
        Dataset<Row> activity = onDays(facts.get(GoldTables.FACT_DRIVER_ACTIVITY), days, spark);
        Dataset<Row> supply = onDays(facts.get(GoldTables.FACT_ZONE_SUPPLY), days, spark);
        DeltaMerge merge = new DeltaMerge(spark);
        write(
                merge,
                lake,
                progress,
                AggregateTables.ZONE_HOUR,
                ZoneHourAggregate.compute(rides, supply),
                List.of("zone_id", "date_key", "hour_key"),
                days);
        write(
                merge,
                lake,
                progress,
                AggregateTables.DRIVER_DAILY,
                DailyAggregates.driverDaily(activity),
                List.of("driver_id", "date_key"),
                days);
        write(
                merge,
                lake,
                progress,
                AggregateTables.ZONE_DAILY,
                DailyAggregates.zoneDaily(rides, supply),
                List.of("zone_id", "date_key"),
                days);
        write(
                merge,
                lake,
                progress,
                AggregateTables.CITY_DAILY,
                DailyAggregates.cityDaily(rides, activity),
                List.of("date_key"),
                days);
    }

    private static void write(
            DeltaMerge merge,
            Lake lake,
            JobProgress progress,
            String table,
            Dataset<Row> rows,
            List<String> keys,
            Dataset<Row> days) {
        Dataset<Row> staged = rows.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            merge.replaceSlices(lake.gold(table), staged, keys, "date_key", days);
            progress.rows(table + " rows for the touched days", staged.count());
        } finally {
            staged.unpersist();
        }
    }

    /** Fact rows of the given days; an empty frame of the right shape if the fact table does not exist yet. */
    private static Dataset<Row> onDays(Dataset<Row> fact, Dataset<Row> days, SparkSession spark) {
        if (fact == null) {
            throw new IllegalStateException("gold facts missing: run 'batch gold' before 'batch aggregates'");
        }
        return fact.join(days, fact.col("date_key").equalTo(days.col("date_key")), "left_semi");
    }

    /** date_key of every row that changed in (last, current], or of every row when there is no last run. */
    private static Dataset<Row> changedDays(SparkSession spark, String path, Long last, long current) {
        if (last == null) {
            return spark.read()
                    .format("delta")
                    .option("versionAsOf", current)
                    .load(path)
                    .select("date_key");
        }
        if (last >= current) {
            return spark.read().format("delta").load(path).select("date_key").limit(0);
        }
        return spark.read()
                .format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", last + 1)
                .option("endingVersion", current)
                .load(path)
                .select(col("date_key"));
    }
}
