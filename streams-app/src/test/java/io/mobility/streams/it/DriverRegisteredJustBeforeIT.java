package io.mobility.streams.it;

import static io.mobility.streams.it.ExactlyOnceReconciliationIT.serde;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import io.mobility.events.ride.VehicleType;
import io.mobility.platform.LocalPlatform;
import io.mobility.streams.Events;
import io.mobility.streams.MobilityTopology;
import io.mobility.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A driver registered just before their first ride (a new driver's first shift) has the ride enriched with their
 * vehicle type, although Kafka Streams applies the drivers table on its own thread, with no ordering against the
 * stream threads. Each round registers a new XL driver and, right behind it, a ride requested as ECONOMY and
 * assigned to them, with the app idle: the moment the global thread is most likely to be behind. A ride the fold
 * enriched before the table had the driver would keep the requested ECONOMY.
 */
class DriverRegisteredJustBeforeIT {

    private static final int ROUNDS = 40;

    @Test
    void aRideRightBehindItsDriversRegistrationHasTheDriversVehicleType() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            StreamsSettings settings = cluster.appSettings("driver-race");
            cluster.loadReferenceData(0);
            try (KafkaStreams streams = new KafkaStreams(MobilityTopology.build(settings), settings.asProperties());
                    KafkaProducer<byte[], byte[]> producer = cluster.producer()) {
                Cluster.startAndAwaitRunning(streams);

                Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
                for (int round = 0; round < ROUNDS; round++) {
                    String rideId = "race-" + round;
                    Driver driver = Driver.newBuilder()
                            .setDriverId("driver-" + rideId)
                            .setVehicleType(VehicleType.XL)
                            .setSignupDate(LocalDate.of(2026, 1, 1))
                            .setUpdatedAt(at)
                            .build();
                    producer.send(new ProducerRecord<>(
                            Topics.DRIVERS.name(),
                            Cluster.utf8(driver.getDriverId()),
                            cluster.encode(Topics.DRIVERS.name(), driver)));
                    for (RideEvent event : new RideEvent[] {
                        Events.requested(rideId, at.plusSeconds(round)),
                        Events.withDriver(rideId, RideEventType.DRIVER_ASSIGNED, "assigned", at.plusSeconds(round + 30))
                    }) {
                        producer.send(new ProducerRecord<>(
                                Topics.RIDE_EVENTS_RAW.name(),
                                Cluster.utf8(rideId),
                                cluster.encode(Topics.RIDE_EVENTS_RAW.name(), event)));
                    }
                    producer.flush();
                    // Let the app go idle again, so that the next driver and ride reach two waiting threads.
                    Thread.sleep(150);
                }

                // A ride's states are in order on its partition: the last one read is its latest.
                Map<String, RideState> latest = new HashMap<>();
                cluster.readCommitted(
                        Topics.RIDES.name(),
                        serde(platform, RideState.class),
                        read -> {
                            read.forEach(r -> latest.put(r.key(), r.value()));
                            return latest.values().stream()
                                            .filter(s -> s.getStatus() == RideStatus.ASSIGNED)
                                            .count()
                                    >= ROUNDS;
                        },
                        Duration.ofSeconds(60));
                assertThat(latest).hasSize(ROUNDS);
                assertThat(latest.values())
                        .as("rides enriched before the table had their driver")
                        .allSatisfy(state -> {
                            assertThat(state.getStatus()).isEqualTo(RideStatus.ASSIGNED);
                            assertThat(state.getDriverId()).isEqualTo("driver-" + state.getRideId());
                            assertThat(state.getVehicleType())
                                    .as(state.getRideId())
                                    .isEqualTo(VehicleType.XL);
                        });
            }
        }
    }
}
