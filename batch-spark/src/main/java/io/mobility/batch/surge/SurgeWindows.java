package io.mobility.batch.surge;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.mobility.batch.lake.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Training rows for the surge model: five-minute windows per pickup zone built from gold, with exactly the features
 * the service builds from a live {@code ZoneState} (docs/model-format.md, "Online surge features") and, as target,
 * the mean surge multiplier actually applied to the rides requested in the window.
 * <ul>
 *   <li>{@code ride_requests}, {@code completed_rides}, {@code cancelled_rides}: rides requested, completed, cancelled
 *       in the window (by pickup zone);</li>
 *   <li>{@code open_requests}: rides requested before the window's end and neither assigned, completed nor
 *       cancelled by then;</li>
 *   <li>{@code available_drivers}: gold knows supply per hour only, so this is the hour's mean number of available
 *       drivers ({@code available_driver_minutes / 60}), where the live state counts drivers at the window's end —
 *       the scale matches, the noise does not;</li>
 *   <li>{@code window_minutes} = 5 (the service's default window), {@code demand_supply_ratio} =
 *       {@code ride_requests / max(available_drivers, 1)}, and the calendar of the window's start.</li>
 * </ul>
 * Only windows with at least one request have a target.
 */
public final class SurgeWindows {

    public static final int WINDOW_MINUTES = 5;
    private static final long WINDOW_SECONDS = WINDOW_MINUTES * 60L;

    public static final String TARGET = "applied_surge";

    public static final List<String> FEATURES = List.of(
            "ride_requests",
            "open_requests",
            "available_drivers",
            "completed_rides",
            "cancelled_rides",
            "window_minutes",
            "demand_supply_ratio",
            "hour_of_day",
            "day_of_week",
            "is_weekend",
            "month");

    private SurgeWindows() {}

    /**
     * @param rides fact_ride: pickup_zone_id, requested_at, assigned_at, completed_at, cancelled_at, surge_multiplier
     * @param supply fact_zone_supply: zone_id, hour_start, available_driver_minutes
     * @return zone_id, window_start, the {@link #FEATURES} (DOUBLE) and {@link #TARGET}
     */
    public static Dataset<Row> compute(Dataset<Row> rides, Dataset<Row> supply) {
        Dataset<Row> r = rides.select(
                        col("pickup_zone_id").as("zone_id"),
                        col("requested_at"),
                        col("assigned_at"),
                        col("completed_at"),
                        col("cancelled_at"),
                        col("surge_multiplier"))
                .where(col("requested_at").isNotNull());
        Dataset<Row> requested = r.groupBy(
                        col("zone_id"), windowOf(col("requested_at")).as("window_start"))
                .agg(
                        count(lit(1)).as("ride_requests"),
                        avg(col("surge_multiplier")).as(TARGET));
        Dataset<Row> completed = r.where(col("completed_at").isNotNull())
                .groupBy(col("zone_id"), windowOf(col("completed_at")).as("window_start"))
                .agg(count(lit(1)).as("completed_rides"));
        Dataset<Row> cancelled = r.where(col("cancelled_at").isNotNull())
                .groupBy(col("zone_id"), windowOf(col("cancelled_at")).as("window_start"))
                .agg(count(lit(1)).as("cancelled_rides"));
        Dataset<Row> open = openAtWindowEnds(r);
        Dataset<Row> drivers = supply.select(
                col("zone_id"),
                col("hour_start"),
                col("available_driver_minutes").cast("double").divide(60.0).as("available_drivers"));
        Column isoDay = dayofweek(col("window_start")).plus(5).mod(7).plus(1);
        Column available = coalesce(col("available_drivers"), lit(0.0));
        return requested
                .join(completed, Columns.seq("zone_id", "window_start"), "left")
                .join(cancelled, Columns.seq("zone_id", "window_start"), "left")
                .join(open, Columns.seq("zone_id", "window_start"), "left")
                .withColumn("hour_start", date_trunc("hour", col("window_start")))
                .join(drivers, Columns.seq("zone_id", "hour_start"), "left")
                .select(
                        col("zone_id"),
                        col("window_start"),
                        col("ride_requests").cast("double").as("ride_requests"),
                        coalesce(col("open_requests"), lit(0L)).cast("double").as("open_requests"),
                        available.as("available_drivers"),
                        coalesce(col("completed_rides"), lit(0L)).cast("double").as("completed_rides"),
                        coalesce(col("cancelled_rides"), lit(0L)).cast("double").as("cancelled_rides"),
                        lit((double) WINDOW_MINUTES).as("window_minutes"),
                        col("ride_requests")
                                .cast("double")
                                .divide(greatest(available, lit(1.0)))
                                .as("demand_supply_ratio"),
                        hour(col("window_start")).cast("double").as("hour_of_day"),
                        isoDay.cast("double").as("day_of_week"),
                        when(isoDay.geq(6), 1.0).otherwise(0.0).as("is_weekend"),
                        month(col("window_start")).cast("double").as("month"),
                        col(TARGET));
    }

    /** Every window end a ride spends waiting (requested before it, not yet assigned/completed/cancelled at it). */
    private static Dataset<Row> openAtWindowEnds(Dataset<Row> rides) {
        Column requested = unix_seconds(col("requested_at"));
        // least() skips nulls: the first of assignment, completion and cancellation.
        Column resolved = unix_seconds(least(col("assigned_at"), col("completed_at"), col("cancelled_at")));
        Column firstEnd = floor(requested.divide(WINDOW_SECONDS)).plus(1).multiply(WINDOW_SECONDS);
        Column lastEnd = floor(resolved.divide(WINDOW_SECONDS)).multiply(WINDOW_SECONDS);
        return rides.where(col("assigned_at")
                        .isNotNull()
                        .or(col("completed_at").isNotNull())
                        .or(col("cancelled_at").isNotNull()))
                .select(col("zone_id"), firstEnd.as("first_end"), lastEnd.as("last_end"))
                .where(col("last_end").geq(col("first_end")))
                .select(
                        col("zone_id"),
                        explode(sequence(col("first_end"), col("last_end"), lit(WINDOW_SECONDS)))
                                .as("end"))
                .groupBy(
                        col("zone_id"),
                        timestamp_seconds(col("end").minus(WINDOW_SECONDS)).as("window_start"))
                .agg(count(lit(1)).as("open_requests"));
    }

    private static Column windowOf(Column ts) {
        return timestamp_seconds(floor(unix_seconds(ts).divide(WINDOW_SECONDS)).multiply(WINDOW_SECONDS));
    }
}
