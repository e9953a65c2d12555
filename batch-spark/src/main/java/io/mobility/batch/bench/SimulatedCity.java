package io.mobility.batch.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.mobility.batch.aggregate.AggregateTables;
import io.mobility.batch.aggregate.ZoneHourAggregate;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.gold.SurrogateKeys;
import io.mobility.batch.lake.Lake;
import io.mobility.events.zone.Zone;
import io.mobility.simulator.Progress;
import io.mobility.simulator.Simulation;
import io.mobility.simulator.SimulationConfig;
import io.mobility.simulator.clock.SimulationClock;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A seeded simulated city turned into the gold tables the ML jobs read ({@code dim_zone}, {@code fact_ride},
 * {@code fact_zone_supply}, {@code agg_zone_hour}), without Kafka or the silver layer: the simulator's events go to
 * an in-memory sink, and agg_zone_hour is computed by the same {@link ZoneHourAggregate} as {@code batch aggregates}.
 * fact_ride and fact_zone_supply carry only the columns the aggregate and the ML jobs read; supply is measured from
 * the drivers' five-minute pings rather than gold's event intervals.
 */
public final class SimulatedCity {

    public static final Instant DEFAULT_START = Instant.parse("2026-09-07T00:00:00Z");

    private final SimulationConfig config;
    private final GoldFixtureSink sink;

    private SimulatedCity(SimulationConfig config, GoldFixtureSink sink) {
        this.config = config;
        this.sink = sink;
    }

    /** A clean city of {@code zones} zones over {@code weeks} weeks, sized so drivers keep up with demand. */
    public static SimulationConfig config(int zones, int weeks, double requestsPerZoneHour, long seed) {
        return config(zones, weeks, requestsPerZoneHour, seed, (int) Math.max(60, Math.round(zones * requestsPerZoneHour * 4)));
    }

    /** As above with a given fleet: fewer drivers ping less (faster to simulate) and surge more. */
    public static SimulationConfig config(int zones, int weeks, double requestsPerZoneHour, long seed, int drivers) {
        return SimulationConfig.defaults(DEFAULT_START, Duration.ofDays(7L * weeks))
                .withZones(zones).withDrivers(drivers).withRiders(Math.max(1000, drivers * 10))
                .withDemand(requestsPerZoneHour).withSeed(seed);
    }

    /** Plays the whole simulation (backfill speed); progress lines go to {@code out} when not null. */
    public static SimulatedCity simulate(SimulationConfig config, PrintStream out) {
        GoldFixtureSink sink = new GoldFixtureSink();
        Progress progress = out == null ? Progress.silent() : new Progress(out, "simulate", 5_000);
        try {
            new Simulation(config, sink, SimulationClock.backfill(), Clock.systemUTC(), progress).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        }
        return new SimulatedCity(config, sink);
    }

    public SimulationConfig config() {
        return config;
    }

    public int rides() {
        return sink.rides.size();
    }

    /** Writes dim_zone, fact_ride, fact_zone_supply and agg_zone_hour under {@code lake}'s gold layer. */
    public void writeGold(SparkSession spark, Lake lake) {
        Dataset<Row> zones = zones(spark);
        Dataset<Row> rides = rides(spark);
        Dataset<Row> supply = supply(spark);
        write(zones, lake.gold(GoldTables.DIM_ZONE));
        write(rides, lake.gold(GoldTables.FACT_RIDE));
        write(supply, lake.gold(GoldTables.FACT_ZONE_SUPPLY));
        Dataset<Row> rideFacts = spark.read().format("delta").load(lake.gold(GoldTables.FACT_RIDE));
        Dataset<Row> supplyFacts = spark.read().format("delta").load(lake.gold(GoldTables.FACT_ZONE_SUPPLY));
        write(ZoneHourAggregate.compute(rideFacts, supplyFacts), lake.gold(AggregateTables.ZONE_HOUR));
    }

    private static void write(Dataset<Row> rows, String path) {
        rows.write().format("delta").mode("overwrite").save(path);
    }

    private Dataset<Row> zones(SparkSession spark) {
        StructType schema = new StructType()
                .add("zone_id", DataTypes.StringType, false)
                .add("name", DataTypes.StringType)
                .add("borough", DataTypes.StringType)
                .add("service_zone", DataTypes.StringType)
                .add("zone_type", DataTypes.StringType)
                .add("centroid_lat", DataTypes.DoubleType)
                .add("centroid_lon", DataTypes.DoubleType)
                .add("updated_at", DataTypes.TimestampType);
        List<Row> rows = new ArrayList<>();
        for (Zone z : sink.zones) {
            rows.add(RowFactory.create(z.getZoneId(), z.getName(), z.getBorough(), z.getServiceZone(),
                    z.getZoneType().name(), z.getCentroid() == null ? null : z.getCentroid().getLat(),
                    z.getCentroid() == null ? null : z.getCentroid().getLon(), Timestamp.from(z.getUpdatedAt())));
        }
        return spark.createDataFrame(rows, schema)
                .withColumn("zone_key", SurrogateKeys.of(col("zone_id")))
                .withColumn("is_inferred", lit(false));
    }

    private Dataset<Row> rides(SparkSession spark) {
        StructType schema = new StructType()
                .add("ride_id", DataTypes.StringType, false)
                .add("pickup_zone_id", DataTypes.StringType)
                .add("requested_at", DataTypes.TimestampType)
                .add("assigned_at", DataTypes.TimestampType)
                .add("completed_at", DataTypes.TimestampType)
                .add("cancelled_at", DataTypes.TimestampType)
                .add("surge_multiplier", DataTypes.DoubleType)
                .add("fare_total", DataTypes.createDecimalType(10, 2));
        List<Row> rows = new ArrayList<>(sink.rides.size());
        for (GoldFixtureSink.Ride r : sink.rides.values()) {
            if (r.requestedAt == null || r.zoneId == null) {
                continue;
            }
            rows.add(RowFactory.create(r.rideId, r.zoneId, ts(r.requestedAt), ts(r.assignedAt), ts(r.completedAt),
                    ts(r.cancelledAt), r.surge, r.fareTotal));
        }
        return spark.createDataFrame(rows, schema)
                .withColumn("ride_time", col("requested_at"))
                .withColumn("pickup_zone_key", SurrogateKeys.of(col("pickup_zone_id")))
                .withColumn("date_key", SurrogateKeys.dateKey(col("ride_time")))
                .withColumn("hour_key", SurrogateKeys.hourKey(col("ride_time")))
                .withColumn("is_completed", col("completed_at").isNotNull())
                .withColumn("is_cancelled", col("cancelled_at").isNotNull().and(col("completed_at").isNull()))
                .withColumn("status", org.apache.spark.sql.functions.when(col("is_completed"), lit("COMPLETED"))
                        .when(col("is_cancelled"), lit("CANCELLED")).otherwise(lit("OPEN")))
                .withColumn("wait_seconds", col("assigned_at").cast("long").minus(col("requested_at").cast("long")));
    }

    private Dataset<Row> supply(SparkSession spark) {
        StructType schema = new StructType()
                .add("zone_id", DataTypes.StringType, false)
                .add("hour_start", DataTypes.TimestampType, false)
                .add("available_driver_minutes", DataTypes.DoubleType, false)
                .add("available_drivers", DataTypes.LongType, false);
        List<Row> rows = new ArrayList<>(sink.supply.size());
        sink.supply.forEach((key, s) -> rows.add(RowFactory.create(key.zoneId(), ts(key.hourMillis()),
                Math.min(60.0 * s.drivers.size(), s.availableMinutes), (long) s.drivers.size())));
        return spark.createDataFrame(rows, schema)
                .withColumn("zone_key", SurrogateKeys.of(col("zone_id")))
                .withColumn("date_key", SurrogateKeys.dateKey(col("hour_start")))
                .withColumn("hour_key", SurrogateKeys.hourKey(col("hour_start")));
    }

    private static Timestamp ts(Long millis) {
        return millis == null ? null : new Timestamp(millis);
    }
}
