package io.mobility.batch.bench;

import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.SilverSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Synthetic silver tables for the benchmark, in the sink's contract: {@code rideEvents} rows of silver/rides (five
 * changelog rows per ride, one ride in ten cancelled), half as many driver pings, 263 zones, 5,000 drivers (one in
 * ten changing rating band mid-week) and 50,000 riders, over seven days.
 */
public final class SilverGenerator {

    static final int ZONES = 263;
    static final int DRIVERS = 5_000;
    static final int RIDERS = 50_000;
    static final long START_EPOCH = 1_740_960_000L; // 2025-03-03T00:00:00Z
    static final long SPAN_SECONDS = 7 * 86_400L;

    private final SparkSession spark;

    public SilverGenerator(SparkSession spark) {
        this.spark = spark;
    }

    public void write(Lake lake, long rideEvents) {
        long rides = Math.max(1, rideEvents / 5);
        save(rides(rideEvents, rides), lake.silver(SilverSchema.RIDES), false);
        save(driverEvents(rideEvents / 2), lake.silver(SilverSchema.DRIVER_EVENTS), true);
        save(zones(), lake.silver(SilverSchema.ZONES), false);
        save(drivers(), lake.silver(SilverSchema.DRIVERS), false);
        save(riders(), lake.silver(SilverSchema.RIDERS), false);
    }

    private Dataset<Row> rides(long rows, long rides) {
        Dataset<Row> base = spark.range(rows).selectExpr(
                "id DIV 5 AS ride", "CAST(id % 5 + 1 AS INT) AS step")
                .selectExpr("*",
                        "timestamp_seconds(" + START_EPOCH + " + ride * " + SPAN_SECONDS + " DIV " + rides + ") AS req",
                        "ride % 10 = 0 AS cancelled",
                        "120 + pmod(hash(ride, 1), 600) AS wait",
                        "300 + pmod(hash(ride, 2), 2400) AS trip",
                        "1.0 + pmod(hash(ride, 3), 200) / 10.0 AS km",
                        "CASE WHEN pmod(hash(ride, 4), 5) = 0 THEN 1.5 ELSE 1.0 END AS surge");
        return base.selectExpr(
                "concat('r', ride) AS ride_id",
                "CASE step WHEN 1 THEN 'REQUESTED' WHEN 2 THEN 'ASSIGNED' WHEN 3 THEN 'ARRIVED' WHEN 4 THEN 'STARTED'"
                        + " ELSE CASE WHEN cancelled THEN 'CANCELLED' ELSE 'COMPLETED' END END AS status",
                "concat('u', pmod(hash(ride, 5), " + RIDERS + ")) AS rider_id",
                "CASE WHEN step >= 2 THEN concat('d', pmod(hash(ride, 6), " + DRIVERS + ")) END AS driver_id",
                "'ECONOMY' AS vehicle_type",
                "CAST(pmod(hash(ride, 7), " + ZONES + ") + 1 AS STRING) AS pickup_zone_id",
                "CAST(NULL AS STRING) AS pickup_zone_name", "CAST(NULL AS STRING) AS pickup_borough",
                "named_struct('lat', 40.7, 'lon', -73.9) AS pickup",
                "CAST(pmod(hash(ride, 8), " + ZONES + ") + 1 AS STRING) AS dropoff_zone_id",
                "CAST(NULL AS STRING) AS dropoff_zone_name", "CAST(NULL AS STRING) AS dropoff_borough",
                "named_struct('lat', 40.6, 'lon', -73.8) AS dropoff",
                "req AS requested_at",
                "CASE WHEN step >= 2 THEN req + INTERVAL 60 SECONDS END AS assigned_at",
                "CASE WHEN step >= 3 THEN req + make_dt_interval(0, 0, 0, wait) END AS arrived_at",
                "CASE WHEN step >= 4 THEN req + make_dt_interval(0, 0, 0, wait + 60) END AS started_at",
                "CASE WHEN step = 5 AND NOT cancelled THEN req + make_dt_interval(0, 0, 0, wait + 60 + trip) END AS completed_at",
                "CASE WHEN step = 5 AND cancelled THEN req + make_dt_interval(0, 0, 0, wait + 120) END AS cancelled_at",
                "CASE WHEN step = 5 AND cancelled THEN named_struct('cancelled_by', 'RIDER', 'reason', 'changed_mind') END AS cancellation",
                "CASE WHEN step >= 3 THEN CAST(wait AS BIGINT) END AS wait_seconds",
                "CASE WHEN step = 5 AND NOT cancelled THEN CAST(trip AS BIGINT) END AS trip_seconds",
                "CASE WHEN step = 5 AND NOT cancelled THEN km END AS distance_km",
                "CAST(5 + km * 1.2 AS DECIMAL(10,2)) AS quoted_fare",
                "CASE WHEN step = 5 AND NOT cancelled THEN named_struct("
                        + "'base', CAST(2.50 AS DECIMAL(10,2)), 'distance', CAST(km * 1.2 AS DECIMAL(10,2)),"
                        + "'time', CAST(trip / 300.0 AS DECIMAL(10,2)), 'surge', CAST((surge - 1) * 5 AS DECIMAL(10,2)),"
                        + "'tolls', CAST(0 AS DECIMAL(10,2)), 'tip', CAST(1 AS DECIMAL(10,2)),"
                        + "'total', CAST(2.50 + CAST(km * 1.2 AS DECIMAL(10,2)) + CAST(trip / 300.0 AS DECIMAL(10,2))"
                        + " + CAST((surge - 1) * 5 AS DECIMAL(10,2)) + 1 AS DECIMAL(10,2)), 'currency', 'USD') END AS fare",
                "surge AS surge_multiplier",
                "element_at(array('CARD', 'CASH', 'WALLET'), CAST(pmod(ride, 3) + 1 AS INT)) AS payment_method",
                "step AS events_applied",
                "concat('r', ride, '-', step) AS last_event_id",
                "req + make_dt_interval(0, 0, 0, step * 60) AS last_event_time",
                "req + make_dt_interval(0, 0, 0, step * 60 + 1) AS updated_at");
    }

    private Dataset<Row> driverEvents(long rows) {
        long perDriver = Math.max(1, rows / DRIVERS);
        long gap = Math.max(1, SPAN_SECONDS / perDriver);
        return spark.range(rows).selectExpr(
                "concat('de', id) AS event_id",
                "'DRIVER_PING' AS event_type",
                "timestamp_seconds(" + START_EPOCH + " + (id DIV " + DRIVERS + ") * " + gap + ") AS event_time",
                "concat('d', id % " + DRIVERS + ") AS driver_id",
                "element_at(array('AVAILABLE', 'EN_ROUTE', 'ON_TRIP'), CAST(pmod(hash(id), 3) + 1 AS INT)) AS status",
                "CAST(pmod(hash(id, 1), " + ZONES + ") + 1 AS STRING) AS zone_id",
                "named_struct('lat', 40.7, 'lon', -73.9) AS location",
                "'ECONOMY' AS vehicle_type",
                "CAST(NULL AS STRING) AS ride_id",
                "named_struct('name', 'bench', 'version', '1', 'instance', CAST(NULL AS STRING)) AS producer")
                .selectExpr("*", "to_date(event_time) AS event_date");
    }

    private Dataset<Row> zones() {
        return spark.range(1, ZONES + 1).selectExpr(
                "CAST(id AS STRING) AS zone_id", "concat('Zone ', id) AS name", "'Manhattan' AS borough",
                "'Yellow Zone' AS service_zone", "'MIXED' AS zone_type", "named_struct('lat', 40.7, 'lon', -73.9) AS centroid",
                "CAST(NULL AS STRUCT<min_lat: DOUBLE, min_lon: DOUBLE, max_lat: DOUBLE, max_lon: DOUBLE>) AS bounding_box",
                "CAST(array() AS ARRAY<STRING>) AS neighbours", "timestamp_seconds(" + (START_EPOCH - 86_400) + ") AS updated_at");
    }

    private Dataset<Row> drivers() {
        Dataset<Row> first = spark.range(DRIVERS).selectExpr(
                "concat('d', id) AS driver_id", "'ECONOMY' AS vehicle_type", "4.2 + (id % 8) / 10.0 AS rating",
                "DATE'2024-01-01' AS signup_date", "CAST(id % " + ZONES + " + 1 AS STRING) AS home_zone_id",
                "timestamp_seconds(" + (START_EPOCH - 86_400) + ") AS updated_at");
        Dataset<Row> changes = spark.range(0, DRIVERS, 10).selectExpr(
                "concat('d', id) AS driver_id", "'COMFORT' AS vehicle_type", "4.9 AS rating",
                "DATE'2024-01-01' AS signup_date", "CAST(id % " + ZONES + " + 1 AS STRING) AS home_zone_id",
                "timestamp_seconds(" + (START_EPOCH + SPAN_SECONDS / 2) + ") AS updated_at");
        return first.unionByName(changes);
    }

    private Dataset<Row> riders() {
        return spark.range(RIDERS).selectExpr(
                "concat('u', id) AS rider_id", "DATE'2024-01-01' AS signup_date",
                "CAST(id % " + ZONES + " + 1 AS STRING) AS home_zone_id", "4.7 AS rating",
                "timestamp_seconds(" + (START_EPOCH - 86_400) + ") AS updated_at");
    }

    private static void save(Dataset<Row> rows, String path, boolean byEventDate) {
        var writer = rows.write().format("delta").mode("overwrite");
        (byEventDate ? writer.partitionBy("event_date") : writer).save(path);
    }
}
