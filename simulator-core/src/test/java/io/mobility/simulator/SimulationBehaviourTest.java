package io.mobility.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.ride.RideEventType;
import io.mobility.events.zone.ZoneType;
import io.mobility.simulator.city.City;
import io.mobility.simulator.city.ZoneLookup;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.demand.DemandProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a model could learn from the synthetic city: demand seasonality, surge against supply, cancellations. */
class SimulationBehaviourTest {

    /** Monday 3 March 2025, midnight in New York: four whole weeks of every weekday follow. */
    static final Instant MONDAY = Instant.parse("2025-03-03T05:00:00Z");

    static final Clock WALL = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);

    static RideTally fourWeeks;

    @BeforeAll
    static void runFourWeeks() throws InterruptedException {
        fourWeeks = run(SimulationConfig.defaults(MONDAY, Duration.ofDays(28)));
    }

    static RideTally run(SimulationConfig config) throws InterruptedException {
        RideTally tally = new RideTally(City.of(config.zones(), ZoneLookup.bundled()));
        new Simulation(config, tally, SimulationClock.backfill(), WALL, Progress.silent()).run();
        return tally;
    }

    /*
     * Why 0.9 for the hourly profile: each zone type gets thousands of requests a week, so every hourly bin holds
     * hundreds of Poisson draws (relative noise ~5%), while the profiles range from 0.1 to 2.1 of the mean. Weather
     * and holidays scale whole days and so keep the shape; storms (a few hours every ten days) and concerts (nightlife,
     * late evening) bend it a little. The expected correlation is ~0.98; a flat profile scores ~0 and a profile
     * shifted by six hours scores well below 0.5 (checked below), so 0.9 separates "follows the profile" from not.
     */
    @Test
    void hourlyDemandFollowsTheConfiguredProfileOfEachZoneType() {
        for (ZoneType type :
                new ZoneType[] {ZoneType.BUSINESS, ZoneType.NIGHTLIFE, ZoneType.RESIDENTIAL, ZoneType.AIRPORT}) {
            double[] counts = toDouble(fourWeeks.requestsByHour.get(type));
            double[] profile = DemandProfile.hourlyProfile(type);
            assertThat(correlation(counts, profile))
                    .as("hourly correlation of %s", type)
                    .isGreaterThan(0.9);
            assertThat(correlation(counts, shift(profile, 6)))
                    .as("against a 6 h shifted profile")
                    .isLessThan(0.5);
        }
    }

    /*
     * Why 0.8 for the weekly profile: four weeks give only four days per weekday, and each day's weather multiplies
     * its demand by 1 or 1.25-1.35, which adds ~6% noise to each weekday's total; the weekly profiles of business and
     * nightlife zones range from 0.5 to 1.7 of the mean, so the expected correlation is above 0.95.
     */
    @Test
    void weeklyDemandFollowsTheConfiguredProfile() {
        for (ZoneType type : new ZoneType[] {ZoneType.BUSINESS, ZoneType.NIGHTLIFE}) {
            double[] counts = toDouble(fourWeeks.requestsByWeekday.get(type));
            assertThat(correlation(counts, DemandProfile.weeklyProfile(type)))
                    .as("weekly correlation of %s", type)
                    .isGreaterThan(0.8);
        }
        long[] business = fourWeeks.requestsByWeekday.get(ZoneType.BUSINESS);
        long[] nightlife = fourWeeks.requestsByWeekday.get(ZoneType.NIGHTLIFE);
        assertThat(business[2]).as("business: Wednesday over Sunday").isGreaterThan(business[6] * 3 / 2);
        assertThat(nightlife[5]).as("nightlife: Saturday over Monday").isGreaterThan(nightlife[0] * 2);
    }

    @Test
    void surgeRisesAndCancellationsRiseWithWaitWhenSupplyFalls() throws InterruptedException {
        SimulationConfig base = SimulationConfig.defaults(MONDAY, Duration.ofDays(3));
        RideTally plenty = run(base.withDrivers(2000));
        RideTally scarce = run(base.withDrivers(300));

        assertThat(scarce.meanSurge()).isGreaterThan(plenty.meanSurge() + 0.1);
        assertThat(scarce.surgedShare()).isGreaterThan(plenty.surgedShare());
        assertThat(scarce.meanWaitMinutes())
                .as("wait from request to driver arrival")
                .isGreaterThan(plenty.meanWaitMinutes());
        assertThat(scarce.cancelledShare()).isGreaterThan(plenty.cancelledShare() + 0.05);
        // demand itself does not depend on supply
        assertThat(scarce.count(RideEventType.RIDE_REQUESTED)).isEqualTo(plenty.count(RideEventType.RIDE_REQUESTED));
    }

    @Test
    void everyRideEndsCompletedOrCancelled() {
        long requested = fourWeeks.count(RideEventType.RIDE_REQUESTED);
        long ended = fourWeeks.count(RideEventType.RIDE_COMPLETED) + fourWeeks.count(RideEventType.RIDE_CANCELLED);
        assertThat(requested).isGreaterThan(100_000);
        assertThat(ended).isEqualTo(requested);
        assertThat(fourWeeks.count(RideEventType.RIDE_STARTED))
                .isEqualTo(fourWeeks.count(RideEventType.RIDE_COMPLETED));
    }

    static double[] toDouble(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static double[] shift(double[] v, int by) {
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            s[(i + by) % v.length] = v[i];
        }
        return s;
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }
}
