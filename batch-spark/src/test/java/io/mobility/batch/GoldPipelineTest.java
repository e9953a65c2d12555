package io.mobility.batch;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobility.batch.aggregate.AggregatesJob;
import io.mobility.batch.fixture.Expected;
import io.mobility.batch.fixture.LakeContent;
import io.mobility.batch.fixture.RideSpec;
import io.mobility.batch.fixture.SilverWriter;
import io.mobility.batch.fixture.SmallCity;
import io.mobility.batch.fixture.TestSpark;
import io.mobility.batch.gold.GoldJob;
import io.mobility.batch.lake.Lake;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gold and aggregates jobs on a small city written to real silver Delta tables, read back with delta-spark.
 * Ordered: the last tests add a late ride to the same lake.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldPipelineTest {

    private static final List<String> GOLD_TABLES = List.of(
            "dim_date",
            "dim_time",
            "dim_zone",
            "dim_driver",
            "dim_rider",
            "dim_payment_method",
            "dim_vehicle_type",
            "fact_ride",
            "fact_driver_activity",
            "fact_zone_supply",
            "agg_zone_hour",
            "agg_driver_daily",
            "agg_zone_daily",
            "agg_city_daily");

    private SparkSession spark;
    private Lake lake;
    private LakeContent gold;

    @BeforeAll
    void buildCityAndRunJobs() {
        spark = TestSpark.session();
        lake = Lake.at(TestSpark.newLake("pipeline").toString());
        SmallCity.write(new SilverWriter(spark, lake));
        gold = new LakeContent(spark, lake.root() + "/gold");
        runJobs();
    }

    @Test
    @Order(1)
    void everyFactKeyResolvesToADimensionRow() {
        assertResolves("fact_ride", "pickup_zone_key", "dim_zone", "zone_key");
        assertResolves("fact_ride", "dropoff_zone_key", "dim_zone", "zone_key");
        assertResolves("fact_ride", "driver_key", "dim_driver", "driver_key");
        assertResolves("fact_ride", "rider_key", "dim_rider", "rider_key");
        assertResolves("fact_ride", "payment_method_key", "dim_payment_method", "payment_method_key");
        assertResolves("fact_ride", "vehicle_type_key", "dim_vehicle_type", "vehicle_type_key");
        assertResolves("fact_ride", "date_key", "dim_date", "date_key");
        assertResolves("fact_ride", "hour_key", "dim_time", "hour_key");
        assertResolves("fact_driver_activity", "driver_key", "dim_driver", "driver_key");
        assertResolves("fact_driver_activity", "date_key", "dim_date", "date_key");
        assertResolves("fact_driver_activity", "hour_key", "dim_time", "hour_key");
        assertResolves("fact_zone_supply", "zone_key", "dim_zone", "zone_key");
        assertResolves("fact_zone_supply", "date_key", "dim_date", "date_key");

        // References that never arrived as reference rows resolve to inferred members.
        assertThat(table("dim_zone")
                        .where(col("zone_id").equalTo("Z9"))
                        .select("is_inferred")
                        .as(org.apache.spark.sql.Encoders.BOOLEAN())
                        .collectAsList())
                .containsExactly(true);
        assertThat(table("dim_driver")
                        .where(col("driver_id").equalTo("D4"))
                        .select("is_inferred")
                        .as(org.apache.spark.sql.Encoders.BOOLEAN())
                        .collectAsList())
                .containsExactly(true);
    }

    @Test
    @Order(2)
    void factRideHoldsEachRidesCurrentState() {
        Map<String, Row> facts = byRideId();
        assertThat(facts).hasSize(SmallCity.RIDES.size());
        for (RideSpec ride : SmallCity.RIDES) {
            Row f = facts.get(ride.rideId());
            assertThat(f.<String>getAs("status"))
                    .as(ride.rideId())
                    .isEqualTo(ride.completed() ? "COMPLETED" : "CANCELLED");
            assertThat(f.<Integer>getAs("date_key")).as(ride.rideId()).isEqualTo(Expected.dateKey(ride.requestedAt()));
            assertThat(f.<Integer>getAs("hour_key")).as(ride.rideId()).isEqualTo(Expected.hour(ride.requestedAt()));
            assertThat(f.<Timestamp>getAs("requested_at").toInstant()).isEqualTo(ride.requestedAt());
            assertThat((Long) f.getAs("wait_seconds")).as(ride.rideId()).isEqualTo(ride.knownWait());
            if (ride.completed()) {
                assertThat(f.<java.math.BigDecimal>getAs("fare_total"))
                        .as(ride.rideId())
                        .isEqualByComparingTo(ride.total());
                assertThat(f.<Long>getAs("duration_seconds")).isEqualTo(ride.tripSeconds());
                assertThat(f.<Double>getAs("distance_km")).isEqualTo(ride.distanceKm());
                assertThat(f.<Timestamp>getAs("completed_at").toInstant()).isEqualTo(ride.completedAt());
                assertThat(f.<Boolean>getAs("is_completed")).isTrue();
            } else {
                assertThat(f.<Object>getAs("fare_total")).as(ride.rideId()).isNull();
                assertThat(f.<Boolean>getAs("is_cancelled")).isTrue();
            }
            String expectedDriver = ride.outcome() == RideSpec.Outcome.CANCELLED_UNASSIGNED ? null : ride.driverId();
            assertThat(f.<String>getAs("driver_id")).as(ride.rideId()).isEqualTo(expectedDriver);
        }
    }

    @Test
    @Order(3)
    void driverDimensionKeepsHistoryAcrossARatingBandChange() {
        List<Row> d3 = table("dim_driver")
                .where(col("driver_id").equalTo("D3"))
                .orderBy("valid_from")
                .collectAsList();
        assertThat(d3).hasSize(2);
        Row before = d3.get(0);
        Row after = d3.get(1);
        assertThat(before.<String>getAs("rating_band")).isEqualTo("4.0-4.5");
        assertThat(before.<Timestamp>getAs("valid_to").toInstant()).isEqualTo(SmallCity.D3_BAND_CHANGE);
        assertThat(before.<Boolean>getAs("is_current")).isFalse();
        assertThat(after.<String>getAs("rating_band")).isEqualTo("4.5-4.8");
        assertThat(after.<Timestamp>getAs("valid_from").toInstant()).isEqualTo(SmallCity.D3_BAND_CHANGE);
        assertThat(after.<Object>getAs("valid_to")).isNull();
        assertThat(after.<Boolean>getAs("is_current")).isTrue();
        // The same-band update (4.2 -> 4.3) and D1's identical resend do not open versions.
        assertThat(table("dim_driver").where(col("driver_id").equalTo("D1")).count())
                .isEqualTo(1);

        Map<String, Row> facts = byRideId();
        long oldKey = before.getAs("driver_key");
        long newKey = after.getAs("driver_key");
        assertThat(facts.get("RD04").<Long>getAs("driver_key")).isEqualTo(oldKey);
        assertThat(facts.get("RD07").<Long>getAs("driver_key")).isEqualTo(oldKey);
        assertThat(facts.get("RD08").<Long>getAs("driver_key")).isEqualTo(newKey);
    }

    @Test
    @Order(4)
    void aggregatesEqualAnIndependentComputationOnTheFixture() {
        assertAggregatesMatch(SmallCity.RIDES);
    }

    @Test
    @Order(5)
    void rerunningLeavesGoldIdentical() {
        Map<String, List<String>> before = gold.content(GOLD_TABLES);
        Map<String, Long> versions = versions();

        runJobs();
        assertThat(gold.content(GOLD_TABLES)).isEqualTo(before);
        assertThat(versions()).as("no new silver data: no gold commit").isEqualTo(versions);
    }

    @Test
    @Order(6)
    void aLateRideUpdatesTheHourItBelongsTo() {
        List<String> hoursBefore = gold.content("agg_zone_hour");
        new SilverWriter(spark, lake).rides(List.of(SmallCity.LATE_RIDE));

        runJobs();

        assertThat(byRideId()).containsKey("RD13").hasSize(SmallCity.RIDES.size() + 1);
        List<String> hoursAfter = gold.content("agg_zone_hour");
        List<String> changed = new ArrayList<>(hoursAfter);
        changed.removeAll(hoursBefore);
        List<String> gone = new ArrayList<>(hoursBefore);
        gone.removeAll(hoursAfter);
        assertThat(changed).hasSize(1);
        assertThat(gone).hasSize(1);
        Row z1Hour8 = table("agg_zone_hour")
                .where(col("zone_id")
                        .equalTo("Z1")
                        .and(col("date_key").equalTo(20250303))
                        .and(col("hour_key").equalTo(8)))
                .first();
        assertThat(changed.get(0)).isEqualTo(z1Hour8.toString());
        assertThat(z1Hour8.<Long>getAs("requests")).isEqualTo(4);

        List<RideSpec> all = new ArrayList<>(SmallCity.RIDES);
        all.add(SmallCity.LATE_RIDE);
        assertAggregatesMatch(all);
    }

    private void assertAggregatesMatch(List<RideSpec> rides) {
        Map<String, Expected.Measures> zoneHour = Expected.zoneHour(rides, SmallCity.DRIVER_EVENTS);
        Map<String, Row> actualZoneHour = keyed("agg_zone_hour", "zone_id", "date_key", "hour_key");
        assertThat(actualZoneHour.keySet()).containsExactlyInAnyOrderElementsOf(zoneHour.keySet());
        zoneHour.forEach((key, e) -> {
            Row a = actualZoneHour.get(key);
            assertDemand(key, a, e);
            assertThat(a.<Long>getAs("p90_wait_seconds")).as(key + " p90 wait").isEqualTo(e.p90Wait());
            assertThat(a.<Double>getAs("available_driver_minutes"))
                    .as(key + " supply minutes")
                    .isCloseTo(e.minutes(), within(1e-3));
            assertThat(a.<Long>getAs("available_drivers"))
                    .as(key + " supply drivers")
                    .isEqualTo(e.drivers());
        });

        Map<String, Expected.Measures> zoneDaily = Expected.zoneDaily(rides);
        Map<String, Row> actualZoneDaily = keyed("agg_zone_daily", "zone_id", "date_key");
        zoneDaily.forEach((key, e) -> assertDemand(key, actualZoneDaily.get(key), e));

        Map<String, Expected.Measures> cityDaily = Expected.cityDaily(rides);
        Map<String, Row> actualCityDaily = keyed("agg_city_daily", "date_key");
        assertThat(actualCityDaily.keySet()).containsAll(cityDaily.keySet());
        cityDaily.forEach((key, e) -> assertDemand(key, actualCityDaily.get(key), e));

        Map<String, Expected.Measures> driverDaily = Expected.driverDaily(rides, SmallCity.DRIVER_EVENTS);
        Map<String, Row> actualDriverDaily = keyed("agg_driver_daily", "driver_id", "date_key");
        assertThat(actualDriverDaily.keySet()).containsExactlyInAnyOrderElementsOf(driverDaily.keySet());
        driverDaily.forEach((key, e) -> {
            Row a = actualDriverDaily.get(key);
            assertThat(a.<Double>getAs("online_minutes"))
                    .as(key + " online minutes")
                    .isCloseTo(e.minutes(), within(1e-3));
            assertThat(a.<Long>getAs("trips")).as(key + " trips").isEqualTo(e.trips());
            assertThat(a.<java.math.BigDecimal>getAs("earnings"))
                    .as(key + " earnings")
                    .isEqualByComparingTo(e.earnings());
        });
    }

    private static void assertDemand(String key, Row actual, Expected.Measures e) {
        assertThat(actual).as(key + " row").isNotNull();
        assertThat(actual.<Long>getAs("requests")).as(key + " requests").isEqualTo(e.requests());
        assertThat(actual.<Long>getAs("completed")).as(key + " completed").isEqualTo(e.completed());
        assertThat(actual.<Long>getAs("cancelled")).as(key + " cancelled").isEqualTo(e.cancelled());
        double rate = e.requests() == 0 ? 0.0 : (double) e.cancelled() / e.requests();
        assertThat(actual.<Double>getAs("cancellation_rate"))
                .as(key + " cancellation rate")
                .isCloseTo(rate, within(1e-6));
        assertThat(actual.<java.math.BigDecimal>getAs("revenue"))
                .as(key + " revenue")
                .isEqualByComparingTo(e.revenue());
        if (e.avgWait() == null) {
            assertThat(actual.<Object>getAs("avg_wait_seconds"))
                    .as(key + " avg wait")
                    .isNull();
        } else {
            assertThat(actual.<Double>getAs("avg_wait_seconds"))
                    .as(key + " avg wait")
                    .isCloseTo(e.avgWait(), within(1e-3));
        }
    }

    private void runJobs() {
        new GoldJob().run(spark, lake, BatchOptions.defaults());
        new AggregatesJob().run(spark, lake, BatchOptions.defaults());
    }

    private void assertResolves(String fact, String key, String dimension, String dimKey) {
        Dataset<Row> f = table(fact);
        Dataset<Row> d = table(dimension).select(col(dimKey).as(key));
        assertThat(f.count()).as(fact + " has rows").isPositive();
        assertThat(f.join(d, f.col(key).equalTo(d.col(key)), "left_anti").count())
                .as(fact + "." + key + " without a " + dimension + " row")
                .isZero();
    }

    private Dataset<Row> table(String name) {
        return spark.read().format("delta").load(lake.gold(name));
    }

    private Map<String, Row> byRideId() {
        Map<String, Row> out = new HashMap<>();
        gold.rows("fact_ride").forEach(r -> out.put(r.getAs("ride_id"), r));
        return out;
    }

    private Map<String, Row> keyed(String table, String... keyColumns) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : gold.rows(table)) {
            List<String> parts = new ArrayList<>();
            for (String k : keyColumns) {
                parts.add(String.valueOf((Object) r.getAs(k)));
            }
            out.put(String.join("|", parts), r);
        }
        return out;
    }

    private Map<String, Long> versions() {
        Map<String, Long> out = new HashMap<>();
        GOLD_TABLES.forEach(t -> out.put(t, gold.version(t)));
        return out;
    }
}
