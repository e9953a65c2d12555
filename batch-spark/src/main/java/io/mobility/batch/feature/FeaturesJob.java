package io.mobility.batch.feature;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.delta.tables.DeltaTable;
import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.aggregate.AggregateTables;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.lake.DeltaMerge;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code batch features}: gold agg_zone_hour and dim_zone -> {@code gold/features_zone_hour} (MERGE on zone and
 * hour, partitioned by date; a rerun changes nothing) and the online snapshot {@code features/snapshot/latest.json}.
 */
public final class FeaturesJob implements BatchJob {

    public static final String NAME = "features";
    public static final String TABLE = "features_zone_hour";
    /** The frame {@link DemandFeatures} produces plus zone names, and the hours it covers. */
    public record ZoneHourFeatures(Dataset<Row> rows, Instant firstHour, Instant lastObserved) {}

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        JobProgress progress = JobProgress.stdout(NAME);
        Instant lastClosed = ClosedHours.lastClosed(spark, lake, options);
        ZoneHourFeatures features = compute(spark, lake, null, lastClosed);
        progress.stage("observed (closed) hours " + features.firstHour() + " .. " + features.lastObserved());
        Dataset<Row> rows = features.rows().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> table = rows.select(tableColumns());
            String path = lake.gold(TABLE);
            DeltaTable.createIfNotExists(spark)
                    .location(path)
                    .addColumns(table.schema())
                    .partitionedBy("date")
                    .property("delta.enableChangeDataFeed", "true")
                    .execute();
            new DeltaMerge(spark).upsert(path, table, List.of("zone_id", "hour_start"), null);
            progress.rows(TABLE + " merged", table.count());
            Timestamp next = Timestamp.from(features.lastObserved().plusSeconds(3600));
            List<Row> latest = rows.where(col("hour_start").equalTo(next)).collectAsList();
            var file = FeatureSnapshotWriter.write(
                    LakeFiles.of(spark), lake.root(), latest, DemandFeatures.NAMES, features.lastObserved());
            progress.rows("snapshot " + file + " zones", latest.size());
        } finally {
            rows.unpersist();
        }
    }

    /**
     * Features of every zone-hour from the first hour of agg_zone_hour (or {@code from}, when given) to the hour after
     * {@code lastClosed} (see {@link ClosedHours}); agg_zone_hour rows of later hours are partial and ignored.
     */
    public static ZoneHourFeatures compute(SparkSession spark, Lake lake, Instant from, Instant lastClosed) {
        GoldReader reader = new GoldReader(spark);
        Dataset<Row> agg =
                require(reader.pinned(lake.gold(AggregateTables.ZONE_HOUR)), lake.gold(AggregateTables.ZONE_HOUR));
        Dataset<Row> zones = require(reader.pinned(lake.gold(GoldTables.DIM_ZONE)), lake.gold(GoldTables.DIM_ZONE));
        Row span = agg.agg(min("hour_start"), max("hour_start")).first();
        if (span.isNullAt(0)) {
            throw new IllegalArgumentException(
                    lake.gold(AggregateTables.ZONE_HOUR) + " is empty: nothing to compute features from");
        }
        Instant first = span.getTimestamp(0).toInstant();
        Instant last = lastClosed;
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("no hour of " + lake.gold(AggregateTables.ZONE_HOUR) + " has ended by "
                    + lastClosed.plusSeconds(3600) + " (its first hour is " + first + ")");
        }
        Instant start = from == null || from.isBefore(first) ? first : from;
        Dataset<Row> grid = ZoneHourGrid.build(spark, agg, zones, start, last);
        // names straight from dim_zone (a few hundred rows, broadcast) rather than a second pass over the grid
        Dataset<Row> names = zones.select(col("zone_id"), col("name").as("zone_name"));
        Dataset<Row> features = DemandFeatures.compute(grid).join(broadcast(names), "zone_id");
        return new ZoneHourFeatures(features, start, last);
    }

    static Column[] tableColumns() {
        List<Column> columns =
                new ArrayList<>(List.of(col("zone_id"), col("hour_start"), col("date"), col("requests")));
        DemandFeatures.NAMES.forEach(n -> columns.add(col(n)));
        return columns.toArray(Column[]::new);
    }

    private static Dataset<Row> require(Dataset<Row> table, String path) {
        if (table == null) {
            throw new IllegalArgumentException(
                    "no Delta table at " + path + ": run 'batch gold' and 'batch aggregates' first");
        }
        return table;
    }
}
