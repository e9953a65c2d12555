package io.mobility.simulator;

import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.pricing.SurgePricing;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything that determines a run's events: with the same config (and wall clock, for future-timestamp faults) a
 * run sends the same records in the same order.
 *
 * @param length simulated time to produce; null runs until stopped (live mode)
 * @param requestsPerZoneHour mean requests per hour of an average zone on an ordinary day
 */
public record SimulationConfig(
        int zones,
        int drivers,
        int riders,
        long seed,
        Instant start,
        Duration length,
        double requestsPerZoneHour,
        double surgeCap,
        FaultRates faults,
        String producerVersion) {

    public static final int DEFAULT_ZONES = 30;
    public static final int DEFAULT_DRIVERS = 1500;
    public static final int DEFAULT_RIDERS = 20_000;
    public static final double DEFAULT_REQUESTS_PER_ZONE_HOUR = 12;

    public SimulationConfig {
        if (start.getEpochSecond() % 60 != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("start must fall on a whole minute, got " + start);
        }
        if (length != null && (length.isNegative() || length.isZero())) {
            throw new IllegalArgumentException("the simulated length must be positive, got " + length);
        }
    }

    /** A small clean city, handy for tests: override what matters with the wither methods. */
    public static SimulationConfig defaults(Instant start, Duration length) {
        return new SimulationConfig(
                DEFAULT_ZONES,
                DEFAULT_DRIVERS,
                DEFAULT_RIDERS,
                42L,
                start,
                length,
                DEFAULT_REQUESTS_PER_ZONE_HOUR,
                SurgePricing.DEFAULT_CAP,
                FaultRates.none(),
                "dev");
    }

    public SimulationConfig withZones(int n) {
        return new SimulationConfig(
                n, drivers, riders, seed, start, length, requestsPerZoneHour, surgeCap, faults, producerVersion);
    }

    public SimulationConfig withDrivers(int n) {
        return new SimulationConfig(
                zones, n, riders, seed, start, length, requestsPerZoneHour, surgeCap, faults, producerVersion);
    }

    public SimulationConfig withRiders(int n) {
        return new SimulationConfig(
                zones, drivers, n, seed, start, length, requestsPerZoneHour, surgeCap, faults, producerVersion);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(
                zones, drivers, riders, s, start, length, requestsPerZoneHour, surgeCap, faults, producerVersion);
    }

    public SimulationConfig withFaults(FaultRates f) {
        return new SimulationConfig(
                zones, drivers, riders, seed, start, length, requestsPerZoneHour, surgeCap, f, producerVersion);
    }

    public SimulationConfig withDemand(double perZoneHour) {
        return new SimulationConfig(
                zones, drivers, riders, seed, start, length, perZoneHour, surgeCap, faults, producerVersion);
    }
}
