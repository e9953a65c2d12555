package io.mobility.batch.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.mobility.batch.lake.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The daily aggregates: agg_driver_daily, agg_zone_daily and agg_city_daily. */
public final class DailyAggregates {

    private DailyAggregates() {}

    /** Per driver and day, from fact_driver_activity (trips and earnings by completion hour). */
    public static Dataset<Row> driverDaily(Dataset<Row> activity) {
        return activity.groupBy("driver_id", "date_key")
                .agg(
                        round(sum("online_minutes"), 3).as("online_minutes"),
                        round(sum("available_minutes"), 3).as("available_minutes"),
                        round(sum("on_trip_minutes"), 3).as("on_trip_minutes"),
                        sum(when(col("online_minutes").gt(0), 1L).otherwise(0L)).as("active_hours"),
                        sum("trips").as("trips"),
                        sum("earnings").cast("decimal(14,2)").as("earnings"),
                        sum("tips").cast("decimal(14,2)").as("tips"))
                .withColumn(
                        "utilization",
                        when(
                                        col("online_minutes").gt(0),
                                        round(col("on_trip_minutes").divide(col("online_minutes")), 6))
                                .otherwise(lit(0.0)));
    }

    /** Per pickup zone and day of request, with the zone's available supply that day. */
    public static Dataset<Row> zoneDaily(Dataset<Row> rides, Dataset<Row> supply) {
        Dataset<Row> demand = rides.groupBy(
                        col("pickup_zone_key").as("zone_key"),
                        col("pickup_zone_id").as("zone_id"),
                        col("date_key"))
                .agg(
                        RideMeasures.requests(),
                        RideMeasures.completed(),
                        RideMeasures.cancelled(),
                        RideMeasures.avgWaitSeconds(),
                        RideMeasures.revenue(),
                        round(sum(when(col("is_completed"), col("distance_km"))), 3)
                                .as("distance_km"));
        Dataset<Row> available = supply.groupBy("zone_key", "zone_id", "date_key")
                .agg(round(sum("available_driver_minutes"), 3).as("available_driver_minutes"));
        return demand.join(available, Columns.seq("zone_key", "zone_id", "date_key"), "full_outer")
                .select(
                        col("zone_key"),
                        col("zone_id"),
                        col("date_key"),
                        coalesce(col("requests"), lit(0L)).as("requests"),
                        coalesce(col("completed"), lit(0L)).as("completed"),
                        coalesce(col("cancelled"), lit(0L)).as("cancelled"),
                        coalesce(round(col("cancelled").divide(col("requests")), 6), lit(0.0))
                                .as("cancellation_rate"),
                        col("avg_wait_seconds"),
                        coalesce(col("revenue"), lit(0).cast("decimal(14,2)")).as("revenue"),
                        coalesce(col("distance_km"), lit(0.0)).as("distance_km"),
                        coalesce(col("available_driver_minutes"), lit(0.0)).as("available_driver_minutes"));
    }

    /** The whole city per day: demand from fact_ride, driver supply from fact_driver_activity. */
    public static Dataset<Row> cityDaily(Dataset<Row> rides, Dataset<Row> activity) {
        Dataset<Row> demand = rides.groupBy("date_key")
                .agg(
                        RideMeasures.requests(),
                        RideMeasures.completed(),
                        RideMeasures.cancelled(),
                        RideMeasures.avgWaitSeconds(),
                        RideMeasures.revenue());
        Dataset<Row> drivers = activity.groupBy("date_key")
                .agg(
                        countDistinct(when(col("online_minutes").gt(0), col("driver_id")))
                                .as("active_drivers"),
                        round(sum("online_minutes").divide(60.0), 3).as("online_hours"));
        return demand.join(drivers, Columns.seq("date_key"), "full_outer")
                .select(
                        col("date_key"),
                        coalesce(col("requests"), lit(0L)).as("requests"),
                        coalesce(col("completed"), lit(0L)).as("completed"),
                        coalesce(col("cancelled"), lit(0L)).as("cancelled"),
                        coalesce(round(col("cancelled").divide(col("requests")), 6), lit(0.0))
                                .as("cancellation_rate"),
                        col("avg_wait_seconds"),
                        coalesce(col("revenue"), lit(0).cast("decimal(14,2)")).as("revenue"),
                        coalesce(col("active_drivers"), lit(0L)).as("active_drivers"),
                        coalesce(col("online_hours"), lit(0.0)).as("online_hours"));
    }
}
