package io.mobility.batch.gold;

import static io.mobility.batch.gold.GoldTables.DIM_DATE;
import static io.mobility.batch.gold.GoldTables.DIM_DRIVER;
import static io.mobility.batch.gold.GoldTables.DIM_PAYMENT_METHOD;
import static io.mobility.batch.gold.GoldTables.DIM_RIDER;
import static io.mobility.batch.gold.GoldTables.DIM_TIME;
import static io.mobility.batch.gold.GoldTables.DIM_VEHICLE_TYPE;
import static io.mobility.batch.gold.GoldTables.DIM_ZONE;
import static io.mobility.batch.gold.GoldTables.FACT_DRIVER_ACTIVITY;
import static io.mobility.batch.gold.GoldTables.FACT_RIDE;
import static io.mobility.batch.gold.GoldTables.FACT_ZONE_SUPPLY;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.lake.Columns;
import io.mobility.batch.lake.DeltaMerge;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.RunState;
import io.mobility.batch.lake.SilverChanges;
import io.mobility.batch.lake.SilverSchema;
import io.mobility.batch.quality.Checks;
import io.mobility.batch.quality.QualityCheck;
import io.mobility.batch.quality.QualityGate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code batch gold}: silver changes since the last run -> the star schema. Stages every dimension and fact change,
 * passes them through the quality gate, then MERGEs them into gold and records the silver versions it consumed.
 */
public final class GoldJob implements BatchJob {

    public static final String NAME = "gold";

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        new Run(spark, lake).execute();
    }

    /** One execution: its id, its reads and its staged results. */
    private static final class Run {
        private final SparkSession spark;
        private final Lake lake;
        private final String runId = UUID.randomUUID().toString();
        private final JobProgress progress = JobProgress.stdout(NAME);
        private final GoldReader reader;
        private final DeltaMerge merge;
        private final List<Dataset<Row>> cached = new ArrayList<>();

        Run(SparkSession spark, Lake lake) {
            this.spark = spark;
            this.lake = lake;
            this.reader = new GoldReader(spark);
            this.merge = new DeltaMerge(spark);
        }

        void execute() {
            RunState state = new RunState(spark, lake);
            Map<String, Long> last = state.lastVersions(NAME);
            Map<String, Long> reached = new LinkedHashMap<>();
            progress.stage("reading silver changes from " + lake.root());
            Dataset<Row> rides = silver(SilverSchema.RIDES, SilverSchema.RIDE_STATE, last, reached);
            Dataset<Row> zones = silver(SilverSchema.ZONES, SilverSchema.ZONE, last, reached);
            Dataset<Row> drivers = silver(SilverSchema.DRIVERS, SilverSchema.DRIVER, last, reached);
            Dataset<Row> riders = silver(SilverSchema.RIDERS, SilverSchema.RIDER, last, reached);
            Dataset<Row> driverEvents = silver(SilverSchema.DRIVER_EVENTS, SilverSchema.DRIVER_EVENT, last, reached);
            long newRows = rides.count() + zones.count() + drivers.count() + riders.count() + driverEvents.count();
            if (newRows == 0) {
                progress.stage("no new silver rows since the last run: gold unchanged");
                recordIfMoved(state, last, reached);
                return;
            }
            try {
                publish(rides, zones, drivers, riders, driverEvents);
                state.record(NAME, runId, reached);
                progress.stage("done, run " + runId);
            } finally {
                cached.forEach(Dataset::unpersist);
            }
        }

        private void publish(
                Dataset<Row> rides,
                Dataset<Row> zones,
                Dataset<Row> drivers,
                Dataset<Row> riders,
                Dataset<Row> driverEvents) {
            Dataset<Row> existingZone = reader.pinned(lake.gold(DIM_ZONE));
            Dataset<Row> existingRider = reader.pinned(lake.gold(DIM_RIDER));
            Dataset<Row> existingDriver = reader.pinned(lake.gold(DIM_DRIVER));
            Dataset<Row> existingDate = reader.pinned(lake.gold(DIM_DATE));
            Dataset<Row> existingFact = reader.pinned(lake.gold(FACT_RIDE));

            progress.stage("staging dimensions");
            Dataset<Row> newFacts = keep(FactRideTable.facts(FactRideTable.currentStates(rides)));
            progress.rows("rides changed", newFacts.count());
            Dataset<Row> referencedZones = newFacts.select(col("pickup_zone_id").as("zone_id"))
                    .union(newFacts.select(col("dropoff_zone_id")))
                    .union(driverEvents.select(coalesce(col("zone_id"), lit(SurrogateKeys.UNKNOWN))))
                    .union(spark.range(1).select(lit(SurrogateKeys.UNKNOWN)));
            Type1Dimension zoneDim = Type1Dimension.zone();
            Dataset<Row> zoneUpserts = keep(zoneDim.upserts(zones, referencedZones, existingZone));
            Type1Dimension riderDim = Type1Dimension.rider();
            Dataset<Row> riderUpserts = keep(riderDim.upserts(riders, newFacts.select("rider_id"), existingRider));
            Dataset<Row> referencedDrivers = newFacts.select(coalesce(col("driver_id"), lit(SurrogateKeys.UNKNOWN)))
                    .union(driverEvents.select("driver_id"));
            DriverDimension.Rebuild rebuild = DriverDimension.rebuild(drivers, referencedDrivers, existingDriver);
            rebuild = new DriverDimension.Rebuild(keep(rebuild.versions()), keep(rebuild.affectedDrivers()));
            Dataset<Row> driverAfter = keep(DriverDimension.after(existingDriver, rebuild));
            progress.rows("dim_driver versions rebuilt", rebuild.versions().count());

            progress.stage("staging fact_ride");
            Dataset<Row> rekeyIds = existingFact == null
                    ? newFacts.select("ride_id").limit(0)
                    : existingFact.join(rebuild.affectedDrivers(), "driver_id").select("ride_id");
            Dataset<Row> rekeyed = existingFact == null
                    ? newFacts.limit(0)
                    : existingFact
                            .join(rebuild.affectedDrivers(), "driver_id")
                            .select(Columns.cols(newFacts.columns()));
            Dataset<Row> candidates = keep(DriverDimension.withDriverKey(
                    FactRideTable.furthestAlong(newFacts.unionByName(rekeyed)),
                    col("driver_id"),
                    col("ride_time"),
                    driverAfter,
                    "ride_id"));
            progress.rows("fact_ride rows staged", candidates.count());
            Dataset<Row> dates = keep(CalendarDimensions.dates(
                    candidates.select(to_date(col("ride_time")).as("date"))));

            Dataset<Row> zoneAfter = after(existingZone, zoneUpserts, "zone_key");
            Dataset<Row> riderAfter = after(existingRider, riderUpserts, "rider_key");
            Dataset<Row> dateAfter = after(existingDate, dates, "date_key");
            List<QualityCheck> checks = List.of(
                    Checks.reconciled(
                            "silver_to_fact_reconciliation",
                            FACT_RIDE,
                            rides.select("ride_id").union(rekeyIds),
                            candidates,
                            "ride_id"),
                    Checks.uniqueKey(FACT_RIDE, candidates, "ride_id"),
                    Checks.nonNegative(
                            FACT_RIDE,
                            candidates,
                            "wait_seconds",
                            "duration_seconds",
                            "distance_km",
                            "quoted_fare",
                            "fare_base",
                            "fare_distance",
                            "fare_time",
                            "fare_surge",
                            "fare_tolls",
                            "fare_tip",
                            "fare_total",
                            "surge_multiplier"),
                    Checks.noOrphans(FACT_RIDE, candidates, "pickup_zone_key", DIM_ZONE, zoneAfter, "zone_key"),
                    Checks.noOrphans(FACT_RIDE, candidates, "dropoff_zone_key", DIM_ZONE, zoneAfter, "zone_key"),
                    Checks.noOrphans(FACT_RIDE, candidates, "rider_key", DIM_RIDER, riderAfter, "rider_key"),
                    Checks.noOrphans(FACT_RIDE, candidates, "driver_key", DIM_DRIVER, driverAfter, "driver_key"),
                    Checks.noOrphans(
                            FACT_RIDE,
                            candidates,
                            "payment_method_key",
                            DIM_PAYMENT_METHOD,
                            EnumDimensions.paymentMethod(spark),
                            "payment_method_key"),
                    Checks.noOrphans(
                            FACT_RIDE,
                            candidates,
                            "vehicle_type_key",
                            DIM_VEHICLE_TYPE,
                            EnumDimensions.vehicleType(spark),
                            "vehicle_type_key"),
                    Checks.noOrphans(FACT_RIDE, candidates, "date_key", DIM_DATE, dateAfter, "date_key"),
                    Checks.noOrphans(
                            FACT_RIDE, candidates, "hour_key", DIM_TIME, CalendarDimensions.hours(spark), "hour_key"),
                    Checks.oneNaturalKeyPerKey(DIM_ZONE, zoneAfter, "zone_key", "zone_id"),
                    Checks.oneNaturalKeyPerKey(DIM_RIDER, riderAfter, "rider_key", "rider_id"),
                    Checks.uniqueKey(DIM_DRIVER, driverAfter, "driver_key"),
                    Checks.uniqueKey(DIM_DRIVER, driverAfter.where(col("is_current")), "driver_id"));
            new QualityGate(spark, lake, progress).enforce(NAME, runId, checks);

            progress.stage("publishing dimensions");
            merge.ensureRows(lake.gold(DIM_TIME), CalendarDimensions.hours(spark), "hour_key");
            merge.ensureRows(lake.gold(DIM_PAYMENT_METHOD), EnumDimensions.paymentMethod(spark), "payment_method_key");
            merge.ensureRows(lake.gold(DIM_VEHICLE_TYPE), EnumDimensions.vehicleType(spark), "vehicle_type_key");
            merge.upsert(lake.gold(DIM_DATE), dates, List.of("date_key"), null);
            merge.upsert(lake.gold(DIM_ZONE), zoneUpserts, List.of("zone_key"), zoneDim.updateCondition());
            progress.rows("dim_zone upserted", zoneUpserts.count());
            merge.upsert(lake.gold(DIM_RIDER), riderUpserts, List.of("rider_key"), riderDim.updateCondition());
            progress.rows("dim_rider upserted", riderUpserts.count());
            merge.replaceSlices(
                    lake.gold(DIM_DRIVER),
                    rebuild.versions(),
                    List.of("driver_key"),
                    "driver_id",
                    rebuild.affectedDrivers());
            progress.stage("publishing fact_ride");
            merge.upsert(lake.gold(FACT_RIDE), candidates, List.of("ride_id"), FactRideTable.NEWER_CONDITION);
            progress.rows("fact_ride merged", candidates.count());

            publishDriverActivity(driverEvents, candidates, driverAfter, zoneAfter);
        }

        private void publishDriverActivity(
                Dataset<Row> newDriverEvents,
                Dataset<Row> candidates,
                Dataset<Row> driverAfter,
                Dataset<Row> zoneAfter) {
            // Even with no day to recompute this runs (on empty frames) so that the activity tables always exist.
            List<LocalDate> days = affectedDays(newDriverEvents, candidates);
            progress.stage("recomputing driver activity for " + days.size() + " day(s)");
            Dataset<Row> allEvents = reader.pinned(lake.silver(SilverSchema.DRIVER_EVENTS));
            if (allEvents == null) {
                allEvents = spark.createDataFrame(List.of(), SilverSchema.DRIVER_EVENT);
            }
            Dataset<Row> intervals =
                    keep(DriverActivity.hourlyIntervals(DriverActivity.eventsFor(allEvents, days), days));
            List<java.sql.Date> sqlDays =
                    days.stream().map(java.sql.Date::valueOf).toList();
            Dataset<Row> completed = reader.pinned(lake.gold(FACT_RIDE))
                    .where(col("is_completed").and(to_date(col("completed_at")).isin(sqlDays.toArray())));
            Dataset<Row> hours = keep(DriverDimension.withDriverKey(
                    DriverActivity.driverHours(intervals, completed),
                    col("driver_id"),
                    col("hour_start"),
                    driverAfter,
                    "driver_id",
                    "hour_start"));
            Dataset<Row> supply = keep(DriverActivity.zoneSupply(intervals));
            Dataset<Row> dayKeys =
                    CalendarDimensions.dates(spark.createDataset(sqlDays, org.apache.spark.sql.Encoders.DATE())
                            .toDF("date"));
            new QualityGate(spark, lake, progress)
                    .enforce(
                            NAME,
                            runId,
                            List.of(
                                    Checks.uniqueKey(FACT_DRIVER_ACTIVITY, hours, "driver_id", "hour_start"),
                                    Checks.nonNegative(
                                            FACT_DRIVER_ACTIVITY,
                                            hours,
                                            "online_minutes",
                                            "available_minutes",
                                            "on_trip_minutes",
                                            "trips",
                                            "earnings"),
                                    Checks.atMost(FACT_DRIVER_ACTIVITY, hours, "online_minutes", 60.0),
                                    Checks.noOrphans(
                                            FACT_DRIVER_ACTIVITY,
                                            hours,
                                            "driver_key",
                                            DIM_DRIVER,
                                            driverAfter,
                                            "driver_key"),
                                    Checks.uniqueKey(FACT_ZONE_SUPPLY, supply, "zone_id", "hour_start"),
                                    Checks.noOrphans(
                                            FACT_ZONE_SUPPLY, supply, "zone_key", DIM_ZONE, zoneAfter, "zone_key")));
            merge.upsert(lake.gold(DIM_DATE), dayKeys, List.of("date_key"), null);
            merge.replaceSlices(
                    lake.gold(FACT_DRIVER_ACTIVITY), hours, List.of("driver_id", "hour_start"), "date_key", dayKeys);
            progress.rows("fact_driver_activity rows for those days", hours.count());
            merge.replaceSlices(
                    lake.gold(FACT_ZONE_SUPPLY), supply, List.of("zone_id", "hour_start"), "date_key", dayKeys);
            progress.rows("fact_zone_supply rows for those days", supply.count());
        }

        /** Days whose driver activity may change: days of new driver events (and the day their last status spills
         * into) and completion days of changed rides. */
        private List<LocalDate> affectedDays(Dataset<Row> newDriverEvents, Dataset<Row> candidates) {
            Dataset<Row> days = newDriverEvents
                    .select(to_date(col("event_time")).as("d"))
                    .union(newDriverEvents.select(to_date(
                            col("event_time").plus(expr("INTERVAL " + DriverActivity.MAX_GAP_MINUTES + " MINUTES")))))
                    .union(candidates.where(col("completed_at").isNotNull()).select(to_date(col("completed_at"))))
                    .distinct();
            return days.collectAsList().stream()
                    .map(r -> r.getDate(0).toLocalDate())
                    .sorted()
                    .toList();
        }

        private Dataset<Row> silver(
                String table, StructType schema, Map<String, Long> last, Map<String, Long> reached) {
            String path = lake.silver(table);
            SilverChanges.Batch batch =
                    new SilverChanges(spark).since(path, schema, Optional.ofNullable(last.get(path)));
            batch.toVersion().ifPresent(v -> reached.put(path, v));
            Dataset<Row> rows = keep(batch.rows());
            progress.rows(
                    "silver/" + table + (batch.wholeTable() ? " (whole table)" : " (new since last run)"),
                    rows.count());
            return rows;
        }

        private Dataset<Row> after(Dataset<Row> existing, Dataset<Row> upserts, String key) {
            if (existing == null) {
                return upserts;
            }
            return existing.join(upserts.select(key), Columns.seq(key), "left_anti")
                    .select(Columns.cols(upserts.columns()))
                    .unionByName(upserts);
        }

        private void recordIfMoved(RunState state, Map<String, Long> last, Map<String, Long> reached) {
            Map<String, Long> moved = new LinkedHashMap<>();
            reached.forEach((path, version) -> {
                if (!version.equals(last.get(path))) {
                    moved.put(path, version);
                }
            });
            state.record(NAME, runId, moved);
        }

        private Dataset<Row> keep(Dataset<Row> frame) {
            Dataset<Row> persisted = frame.persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(persisted);
            return persisted;
        }
    }
}
