package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * fact_ride, one row per ride: the ride's current state from the silver changelog (highest {@code events_applied},
 * ties broken by {@code updated_at}) with surrogate keys to every dimension. The ride belongs to the date and hour
 * it was requested.
 */
public final class FactRideTable {

    /** A source row replaces a fact only if it is at least as far along: late old changelog rows never win. */
    public static final String NEWER_CONDITION = "s.events_applied > t.events_applied OR "
            + "(s.events_applied = t.events_applied AND s.source_updated_at >= t.source_updated_at)";

    private FactRideTable() {}

    /** The current state of each ride among the given changelog rows. */
    public static Dataset<Row> currentStates(Dataset<Row> changelog) {
        return changelog
                .withColumn(
                        "_rank",
                        row_number()
                                .over(Window.partitionBy("ride_id")
                                        .orderBy(
                                                col("events_applied").desc(),
                                                col("updated_at").desc(),
                                                col("last_event_id").desc())))
                .where(col("_rank").equalTo(1))
                .drop("_rank");
    }

    /** When a ride happened for the calendar: its request, else the earliest step we know of. */
    public static Column rideTime() {
        return coalesce(
                col("requested_at"),
                col("assigned_at"),
                col("started_at"),
                col("completed_at"),
                col("cancelled_at"),
                col("last_event_time"));
    }

    /** Fact rows (without driver_key) from current ride states. */
    public static Dataset<Row> facts(Dataset<Row> states) {
        Column rideTime = rideTime();
        Column payment = EnumDimensions.conform(col("payment_method"), EnumDimensions.paymentMethods());
        Column vehicle = EnumDimensions.conform(col("vehicle_type"), EnumDimensions.vehicleTypes());
        return states.select(
                col("ride_id"),
                SurrogateKeys.dateKey(rideTime).as("date_key"),
                SurrogateKeys.hourKey(rideTime).as("hour_key"),
                SurrogateKeys.of(col("pickup_zone_id")).as("pickup_zone_key"),
                SurrogateKeys.of(col("dropoff_zone_id")).as("dropoff_zone_key"),
                SurrogateKeys.of(col("rider_id")).as("rider_key"),
                SurrogateKeys.of(payment).as("payment_method_key"),
                SurrogateKeys.of(vehicle).as("vehicle_type_key"),
                col("rider_id"),
                col("driver_id"),
                coalesce(col("pickup_zone_id"), lit(SurrogateKeys.UNKNOWN)).as("pickup_zone_id"),
                coalesce(col("dropoff_zone_id"), lit(SurrogateKeys.UNKNOWN)).as("dropoff_zone_id"),
                col("status"),
                payment.as("payment_method"),
                vehicle.as("vehicle_type"),
                rideTime.as("ride_time"),
                col("requested_at"),
                col("assigned_at"),
                col("arrived_at"),
                col("started_at"),
                col("completed_at"),
                col("cancelled_at"),
                col("wait_seconds"),
                col("trip_seconds").as("duration_seconds"),
                col("distance_km"),
                col("quoted_fare"),
                col("fare.base").as("fare_base"),
                col("fare.distance").as("fare_distance"),
                col("fare.time").as("fare_time"),
                col("fare.surge").as("fare_surge"),
                col("fare.tolls").as("fare_tolls"),
                col("fare.tip").as("fare_tip"),
                col("fare.total").as("fare_total"),
                col("fare.currency").as("currency"),
                col("surge_multiplier"),
                col("status").equalTo("COMPLETED").as("is_completed"),
                col("status").equalTo("CANCELLED").as("is_cancelled"),
                col("cancellation.cancelled_by").as("cancelled_by"),
                col("events_applied"),
                col("updated_at").as("source_updated_at"));
    }

    /** Keeps, per ride, the row furthest along (the same rule MERGE applies against the table). */
    public static Dataset<Row> furthestAlong(Dataset<Row> facts) {
        return facts.withColumn(
                        "_rank",
                        row_number()
                                .over(Window.partitionBy("ride_id")
                                        .orderBy(
                                                col("events_applied").desc(),
                                                col("source_updated_at").desc())))
                .where(col("_rank").equalTo(1))
                .drop("_rank");
    }
}
