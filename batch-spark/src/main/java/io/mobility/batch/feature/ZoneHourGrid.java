package io.mobility.batch.feature;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;

import io.mobility.batch.gold.SurrogateKeys;
import io.mobility.batch.lake.Columns;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The complete zone x hour grid the features are computed on: every zone of dim_zone for every hour from
 * {@code from} to the hour after the last observed one. agg_zone_hour has no row for a zone-hour without requests
 * or supply; on the grid that hour has 0 requests and 0 available drivers. The hour after the last observed one has
 * null requests and supply: it is the hour the latest features forecast.
 */
public final class ZoneHourGrid {

    private ZoneHourGrid() {}

    /** Columns: zone_id, zone_name, zone_type, hour_start, requests (DOUBLE), available_drivers (DOUBLE). */
    public static Dataset<Row> build(
            SparkSession spark, Dataset<Row> aggZoneHour, Dataset<Row> dimZone, Instant from, Instant lastObserved) {
        Column first = lit(Timestamp.from(from));
        Column last = lit(Timestamp.from(lastObserved));
        Dataset<Row> zones = dimZone.where(col("zone_id").notEqual(SurrogateKeys.UNKNOWN))
                .select(col("zone_id"), col("name").as("zone_name"), col("zone_type"));
        Dataset<Row> hours = spark.range(1)
                .select(explode(sequence(
                                first, lit(Timestamp.from(lastObserved.plusSeconds(3600))), expr("interval 1 hour")))
                        .as("hour_start"));
        Dataset<Row> observed = aggZoneHour
                .where(col("hour_start").geq(first).and(col("hour_start").leq(last)))
                .select(
                        col("zone_id"),
                        col("hour_start"),
                        col("requests").cast("double").as("obs_requests"),
                        col("available_drivers").cast("double").as("obs_available_drivers"));
        Column isObserved = col("hour_start").leq(last);
        return zones.crossJoin(hours)
                .join(observed, Columns.seq("zone_id", "hour_start"), "left")
                .select(
                        col("zone_id"),
                        col("zone_name"),
                        col("zone_type"),
                        col("hour_start"),
                        when(isObserved, coalesce(col("obs_requests"), lit(0.0)))
                                .as("requests"),
                        when(isObserved, coalesce(col("obs_available_drivers"), lit(0.0)))
                                .as("available_drivers"));
    }
}
