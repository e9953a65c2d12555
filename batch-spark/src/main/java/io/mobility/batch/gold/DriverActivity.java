package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import io.mobility.batch.lake.Columns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Driver time from driver events, per hour: fact_driver_activity (driver x hour: online, available and on-trip
 * minutes, trips and earnings) and fact_zone_supply (zone x hour: available driver minutes and drivers).
 * A driver's status holds from one event to the next, for at most {@link #MAX_GAP_MINUTES}: a driver whose pings
 * stop is no longer counted. Recomputed whole days at a time, so late events and late rides update their day.
 */
public final class DriverActivity {

    public static final int MAX_GAP_MINUTES = 15;

    private DriverActivity() {}

    /**
     * Driver events to read to compute the given days: those days and the day before (statuses carry over midnight).
     */
    public static Dataset<Row> eventsFor(Dataset<Row> driverEvents, List<LocalDate> days) {
        List<Date> read = new ArrayList<>();
        for (LocalDate day : days) {
            read.add(Date.valueOf(day));
            read.add(Date.valueOf(day.minusDays(1)));
        }
        Dataset<Row> events = driverEvents;
        if (List.of(driverEvents.columns()).contains("event_date")) {
            // Partition pruning only; the event_time filter below is what decides.
            events = events.where(col("event_date").isin(read.toArray()));
        }
        return events.where(to_date(col("event_time")).isin(read.toArray()));
    }

    /** Status intervals cut at hour boundaries: driver_id, zone_id, status, online, hour_start, millis. */
    public static Dataset<Row> hourlyIntervals(Dataset<Row> events, List<LocalDate> days) {
        Column next =
                lead(col("event_time"), 1).over(Window.partitionBy("driver_id").orderBy("event_time", "event_id"));
        Column capped = col("event_time").plus(expr("INTERVAL " + MAX_GAP_MINUTES + " MINUTES"));
        Dataset<Row> intervals = events.withColumn(
                        "_end", when(next.isNull().or(next.gt(capped)), capped).otherwise(next))
                .where(col("_end").gt(col("event_time")))
                .select(
                        col("driver_id"),
                        coalesce(col("zone_id"), lit(SurrogateKeys.UNKNOWN)).as("zone_id"),
                        col("status"),
                        col("event_type")
                                .notEqual("DRIVER_OFFLINE")
                                .and(col("status").notEqual("OFFLINE"))
                                .as("online"),
                        col("event_time").as("_start"),
                        col("_end"));
        Column hourStart = explode(sequence(
                date_trunc("hour", col("_start")),
                date_trunc("hour", col("_end").minus(expr("INTERVAL 1 MILLISECOND"))),
                expr("INTERVAL 1 HOUR")));
        List<Date> wanted = days.stream().map(Date::valueOf).toList();
        return intervals
                .select(col("*"), hourStart.as("hour_start"))
                .withColumn(
                        "millis",
                        unix_millis(least(col("_end"), col("hour_start").plus(expr("INTERVAL 1 HOUR"))))
                                .minus(unix_millis(greatest(col("_start"), col("hour_start")))))
                .where(to_date(col("hour_start")).isin(wanted.toArray()))
                .drop("_start", "_end");
    }

    /** driver x hour, without driver_key: minutes from intervals, trips and earnings from completed fact_ride rows. */
    public static Dataset<Row> driverHours(Dataset<Row> intervals, Dataset<Row> completedRides) {
        Dataset<Row> time = intervals
                .where(col("online"))
                .groupBy("driver_id", "hour_start")
                .agg(
                        sum("millis").as("online_millis"),
                        sum(when(col("status").equalTo("AVAILABLE"), col("millis"))
                                        .otherwise(0L))
                                .as("available_millis"),
                        sum(when(col("status").equalTo("ON_TRIP"), col("millis"))
                                        .otherwise(0L))
                                .as("on_trip_millis"));
        Dataset<Row> trips = completedRides
                .where(col("driver_id").isNotNull())
                .withColumn("hour_start", date_trunc("hour", col("completed_at")))
                .groupBy("driver_id", "hour_start")
                .agg(
                        count(lit(1)).as("trips"),
                        sum(coalesce(col("fare_total"), lit(0).cast("decimal(10,2)")))
                                .cast("decimal(14,2)")
                                .as("earnings"),
                        sum(coalesce(col("fare_tip"), lit(0).cast("decimal(10,2)")))
                                .cast("decimal(14,2)")
                                .as("tips"));
        Dataset<Row> joined = time.join(trips, Columns.seq("driver_id", "hour_start"), "full_outer");
        return joined.select(
                col("driver_id"),
                SurrogateKeys.dateKey(col("hour_start")).as("date_key"),
                SurrogateKeys.hourKey(col("hour_start")).as("hour_key"),
                col("hour_start"),
                minutes(col("online_millis")).as("online_minutes"),
                minutes(col("available_millis")).as("available_minutes"),
                minutes(col("on_trip_millis")).as("on_trip_minutes"),
                coalesce(col("trips"), lit(0L)).as("trips"),
                coalesce(col("earnings"), lit(0).cast("decimal(14,2)")).as("earnings"),
                coalesce(col("tips"), lit(0).cast("decimal(14,2)")).as("tips"));
    }

    /** zone x hour supply: minutes drivers spent AVAILABLE in the zone, and how many distinct drivers did. */
    public static Dataset<Row> zoneSupply(Dataset<Row> intervals) {
        return intervals
                .where(col("online").and(col("status").equalTo("AVAILABLE")))
                .groupBy("zone_id", "hour_start")
                .agg(sum("millis").as("_millis"), countDistinct("driver_id").as("available_drivers"))
                .select(
                        SurrogateKeys.of(col("zone_id")).as("zone_key"),
                        col("zone_id"),
                        SurrogateKeys.dateKey(col("hour_start")).as("date_key"),
                        SurrogateKeys.hourKey(col("hour_start")).as("hour_key"),
                        col("hour_start"),
                        minutes(col("_millis")).as("available_driver_minutes"),
                        col("available_drivers"));
    }

    private static Column minutes(Column millis) {
        // Integer millis summed exactly, then rounded once: reruns give bit-identical values.
        return round(coalesce(millis, lit(0L)).divide(60_000.0), 3);
    }
}
