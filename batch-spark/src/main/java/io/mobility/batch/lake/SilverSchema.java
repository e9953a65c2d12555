package io.mobility.batch.lake;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The silver tables as the Delta sink writes them: the Avro value schema of each topic with snake_case names,
 * records as structs, enums as strings, decimal(10,2) money, timestamp-millis as timestamp, date as date.
 * Audit columns ({@code _kafka_*}, {@code _ingested_at}) may follow; jobs ignore them.
 */
public final class SilverSchema {

    public static final String RIDES = "rides";
    public static final String RIDE_EVENTS = "ride_events";
    public static final String DRIVER_EVENTS = "driver_events";
    public static final String ZONES = "zones";
    public static final String DRIVERS = "drivers";
    public static final String RIDERS = "riders";

    static final DataType MONEY = createDecimalType(10, 2);
    static final StructType GEO_POINT = struct(req("lat", DoubleType), req("lon", DoubleType));
    static final StructType PRODUCER =
            struct(req("name", StringType), req("version", StringType), opt("instance", StringType));
    static final StructType FARE = struct(
            req("base", MONEY),
            req("distance", MONEY),
            req("time", MONEY),
            req("surge", MONEY),
            req("tolls", MONEY),
            req("tip", MONEY),
            req("total", MONEY),
            req("currency", StringType));
    static final StructType CANCELLATION = struct(req("cancelled_by", StringType), opt("reason", StringType));
    static final StructType BOUNDING_BOX = struct(
            req("min_lat", DoubleType),
            req("min_lon", DoubleType),
            req("max_lat", DoubleType),
            req("max_lon", DoubleType));

    /** io.mobility.events.ride.RideState: the ride changelog. */
    public static final StructType RIDE_STATE = struct(
            req("ride_id", StringType),
            req("status", StringType),
            req("rider_id", StringType),
            opt("driver_id", StringType),
            req("vehicle_type", StringType),
            opt("pickup_zone_id", StringType),
            opt("pickup_zone_name", StringType),
            opt("pickup_borough", StringType),
            opt("pickup", GEO_POINT),
            opt("dropoff_zone_id", StringType),
            opt("dropoff_zone_name", StringType),
            opt("dropoff_borough", StringType),
            opt("dropoff", GEO_POINT),
            opt("requested_at", TimestampType),
            opt("assigned_at", TimestampType),
            opt("arrived_at", TimestampType),
            opt("started_at", TimestampType),
            opt("completed_at", TimestampType),
            opt("cancelled_at", TimestampType),
            opt("cancellation", CANCELLATION),
            opt("wait_seconds", LongType),
            opt("trip_seconds", LongType),
            opt("distance_km", DoubleType),
            opt("quoted_fare", MONEY),
            opt("fare", FARE),
            opt("surge_multiplier", DoubleType),
            req("payment_method", StringType),
            req("events_applied", IntegerType),
            req("last_event_id", StringType),
            req("last_event_time", TimestampType),
            req("updated_at", TimestampType));

    /** io.mobility.events.driver.DriverEvent, partitioned by event_date. */
    public static final StructType DRIVER_EVENT = struct(
            req("event_id", StringType),
            req("event_type", StringType),
            req("event_time", TimestampType),
            req("driver_id", StringType),
            req("status", StringType),
            opt("zone_id", StringType),
            opt("location", GEO_POINT),
            req("vehicle_type", StringType),
            opt("ride_id", StringType),
            req("producer", PRODUCER),
            opt("event_date", DateType));

    /** io.mobility.events.zone.Zone. */
    public static final StructType ZONE = struct(
            req("zone_id", StringType),
            req("name", StringType),
            req("borough", StringType),
            opt("service_zone", StringType),
            req("zone_type", StringType),
            opt("centroid", GEO_POINT),
            opt("bounding_box", BOUNDING_BOX),
            req("neighbours", createArrayType(StringType, false)),
            req("updated_at", TimestampType));

    /** io.mobility.events.driver.Driver. */
    public static final StructType DRIVER = struct(
            req("driver_id", StringType),
            req("vehicle_type", StringType),
            opt("rating", DoubleType),
            req("signup_date", DateType),
            opt("home_zone_id", StringType),
            req("updated_at", TimestampType));

    /** io.mobility.events.rider.Rider. */
    public static final StructType RIDER = struct(
            req("rider_id", StringType),
            req("signup_date", DateType),
            opt("home_zone_id", StringType),
            opt("rating", DoubleType),
            req("updated_at", TimestampType));

    private SilverSchema() {}

    private static StructType struct(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField req(String name, DataType type) {
        // Required in Avro, yet nullable here: the sink writes Parquet with optional columns for every field.
        return new StructField(name, type, true, Metadata.empty());
    }

    private static StructField opt(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }
}
