package io.mobility.streams.it;

import static io.mobility.streams.it.ExactlyOnceReconciliationIT.serde;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.platform.LocalPlatform;
import io.mobility.simulator.Progress;
import io.mobility.simulator.Simulation;
import io.mobility.simulator.SimulationConfig;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultKind;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.kafka.KafkaEventSink;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.streams.MobilityMetrics;
import io.mobility.streams.MobilityTopology;
import io.mobility.streams.StreamsSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The simulator's dirty city, through the app with exactly-once, reconciles exactly against the simulator's own
 * manifest (read_committed): ride records in = clean + quarantined per fault kind + duplicates dropped.
 */
class SimulatorReconciliationIT {

    /** Which quarantine code each of the simulator's content faults must get (simulator/README.md). */
    private static final Map<FaultKind, String> CODE = Map.of(
            FaultKind.BAD_COORDINATES, "INVALID_COORDINATES",
            FaultKind.NEGATIVE_FARE, "NEGATIVE_FARE",
            FaultKind.UNKNOWN_ZONE, "UNKNOWN_ZONE",
            FaultKind.MISSING_REQUIRED_FIELD, "MISSING_FIELD",
            FaultKind.FUTURE_TIMESTAMP, "FUTURE_EVENT_TIME",
            FaultKind.UNDECODABLE_BYTES, "BAD_MAGIC_BYTE",
            FaultKind.UNKNOWN_SCHEMA_ID, "UNKNOWN_SCHEMA_ID");

    @Test
    void theSimulatorsManifestReconcilesExactly() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            // Two days back: what the simulator schedules beyond the hour (shift ends, late releases) is still in the
            // past, so only its FUTURE_TIMESTAMP faults are in the future. At 17:00 UTC, midday in New York: demand
            // follows the hour of day, and a night hour (a run in the early morning) drew too few rides to check.
            SimulationConfig config = SimulationConfig.defaults(
                            Instant.now()
                                    .truncatedTo(ChronoUnit.DAYS)
                                    .minus(Duration.ofDays(2))
                                    .plus(Duration.ofHours(17)),
                            Duration.ofHours(1))
                    .withZones(12)
                    .withDrivers(150)
                    .withRiders(3000)
                    .withSeed(11)
                    .withDemand(60)
                    .withFaults(FaultRates.all(0.02));
            Manifest manifest;
            KafkaEventSink sink = new KafkaEventSink(platform.bootstrapServers(), platform.registryUrl(), Map.of());
            try {
                manifest = new Simulation(
                                config, sink, SimulationClock.backfill(), Clock.systemUTC(), Progress.silent())
                        .run();
            } finally {
                sink.close();
            }
            long rideRecords = manifest.records(Topics.RIDE_EVENTS_RAW.name());
            long driverRecords = manifest.records(Topics.DRIVER_EVENTS_RAW.name());
            long validRides = Arrays.stream(RideEventType.values())
                    .mapToLong(t -> manifest.validUniqueByType().getOrDefault(t.name(), 0L))
                    .sum();
            Map<String, Long> expectedQuarantine = new TreeMap<>();
            CODE.forEach((kind, code) -> {
                if (manifest.faults(kind) > 0) {
                    expectedQuarantine.merge(code, manifest.faults(kind), Long::sum);
                }
            });
            long expectedQuarantined = expectedQuarantine.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(rideRecords).isGreaterThan(1000);
            assertThat(expectedQuarantine).as("most fault kinds drawn").hasSizeGreaterThanOrEqualTo(5);

            Cluster cluster = new Cluster(platform);
            StreamsSettings settings = cluster.appSettings("simulator");
            try (KafkaStreams streams = new KafkaStreams(MobilityTopology.build(settings), settings.asProperties())) {
                streams.start();
                var clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() >= validRides,
                        Duration.ofSeconds(180));
                var quarantine = cluster.readCommitted(
                        Topics.QUARANTINE.name(),
                        serde(platform, QuarantineRecord.class),
                        read -> read.size() >= expectedQuarantined,
                        Duration.ofSeconds(60));
                var cleanDrivers = cluster.readCommitted(
                        Topics.DRIVER_EVENTS_CLEAN.name(),
                        serde(platform, DriverEvent.class),
                        read -> read.size() >= driverRecords,
                        Duration.ofSeconds(60));
                Thread.sleep(1000);
                clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() > validRides,
                        Duration.ofSeconds(3));

                Map<String, Long> byReason = quarantine.stream()
                        .collect(Collectors.groupingBy(
                                r -> r.value().getReasonCode(), TreeMap::new, Collectors.counting()));
                assertThat(byReason).isEqualTo(expectedQuarantine);
                assertThat(clean).hasSize((int) validRides);
                assertThat(clean.stream()
                                .map(r -> r.value().getEventId())
                                .distinct()
                                .count())
                        .isEqualTo(validRides);
                assertThat(cleanDrivers).hasSize((int) driverRecords);
                long duplicates = MobilityMetrics.total(streams.metrics(), "ride-events", "duplicate-dropped");
                assertThat(duplicates).isEqualTo(manifest.faults(FaultKind.DUPLICATE));
                assertThat(rideRecords).isEqualTo(clean.size() + quarantine.size() + duplicates);
            }
        }
    }
}
