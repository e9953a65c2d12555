package io.mobility.batch.aggregate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.round;

import io.mobility.batch.lake.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * agg_zone_hour: demand (by pickup zone and request hour), service (wait, surge), revenue and available supply.
 * p90 wait is the nearest-rank 90th percentile (Spark's percentile_approx at full accuracy for hourly counts).
 */
public final class ZoneHourAggregate {

    private ZoneHourAggregate() {}

    public static Dataset<Row> compute(Dataset<Row> rides, Dataset<Row> supply) {
        Dataset<Row> demand = rides.withColumn("hour_start", date_trunc("hour", col("ride_time")))
                .groupBy(
                        col("pickup_zone_key").as("zone_key"),
                        col("pickup_zone_id").as("zone_id"),
                        col("date_key"),
                        col("hour_key"),
                        col("hour_start"))
                .agg(
                        RideMeasures.requests(),
                        RideMeasures.completed(),
                        RideMeasures.cancelled(),
                        RideMeasures.avgWaitSeconds(),
                        percentile_approx(col("wait_seconds"), lit(0.9), lit(100_000))
                                .as("p90_wait_seconds"),
                        round(avg(col("surge_multiplier")), 6).as("avg_surge_multiplier"),
                        RideMeasures.revenue());
        Dataset<Row> available = supply.select(
                "zone_key",
                "zone_id",
                "date_key",
                "hour_key",
                "hour_start",
                "available_drivers",
                "available_driver_minutes");
        return demand.join(
                        available,
                        Columns.seq("zone_key", "zone_id", "date_key", "hour_key", "hour_start"),
                        "full_outer")
                .select(
                        col("zone_key"),
                        col("zone_id"),
                        col("date_key"),
                        col("hour_key"),
                        col("hour_start"),
                        coalesce(col("requests"), lit(0L)).as("requests"),
                        coalesce(col("completed"), lit(0L)).as("completed"),
                        coalesce(col("cancelled"), lit(0L)).as("cancelled"),
                        coalesce(round(col("cancelled").divide(col("requests")), 6), lit(0.0))
                                .as("cancellation_rate"),
                        col("avg_wait_seconds"),
                        col("p90_wait_seconds"),
                        col("avg_surge_multiplier"),
                        coalesce(col("available_drivers"), lit(0L)).as("available_drivers"),
                        coalesce(col("available_driver_minutes"), lit(0.0)).as("available_driver_minutes"),
                        coalesce(col("revenue"), lit(0).cast("decimal(14,2)")).as("revenue"));
    }
}
