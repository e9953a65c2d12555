package io.mobility.streams.it;

import static io.mobility.streams.it.ExactlyOnceReconciliationIT.serde;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneType;
import io.mobility.platform.LocalPlatform;
import io.mobility.streams.Events;
import io.mobility.streams.MobilityTopology;
import io.mobility.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A zone published just before the first events in it (a city's start, a new zone) is never taken for an unknown
 * zone, although Kafka Streams applies the zones table on its own thread, with no ordering against the stream
 * threads. Each round publishes a new zone and, right behind it, a ride request in it, with the app idle: the moment
 * the global thread is most likely to be behind.
 */
class ZonePublishedJustBeforeIT {

    private static final int ROUNDS = 40;

    @Test
    void anEventRightBehindItsZoneIsClean() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            StreamsSettings settings = cluster.appSettings("zone-race");
            try (KafkaStreams streams = new KafkaStreams(MobilityTopology.build(settings), settings.asProperties());
                    KafkaProducer<byte[], byte[]> producer = cluster.producer()) {
                Cluster.startAndAwaitRunning(streams);

                Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
                for (int round = 0; round < ROUNDS; round++) {
                    String zoneId = String.valueOf(1000 + round);
                    producer.send(new ProducerRecord<>(
                            Topics.ZONES.name(),
                            Cluster.utf8(zoneId),
                            cluster.encode(Topics.ZONES.name(), midtownLike(zoneId))));
                    RideEvent request = RideEvent.newBuilder(Events.requested("race-" + round, at.plusSeconds(round)))
                            .setPickupZoneId(zoneId)
                            .setDropoffZoneId(zoneId)
                            .build();
                    producer.send(new ProducerRecord<>(
                            Topics.RIDE_EVENTS_RAW.name(),
                            Cluster.utf8(request.getRideId()),
                            cluster.encode(Topics.RIDE_EVENTS_RAW.name(), request)));
                    producer.flush();
                    // Let the app go idle again, so that the next zone and event reach two waiting threads.
                    Thread.sleep(150);
                }

                var clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() >= ROUNDS,
                        Duration.ofSeconds(60));
                var quarantine = cluster.readCommitted(
                        Topics.QUARANTINE.name(),
                        serde(platform, QuarantineRecord.class),
                        read -> !read.isEmpty(),
                        Duration.ofSeconds(3));
                assertThat(quarantine)
                        .as("events quarantined although their zone was published before them")
                        .extracting(r ->
                                r.value().getReasonCode() + ": " + r.value().getMessage())
                        .isEmpty();
                assertThat(clean).hasSize(ROUNDS);
                assertThat(clean)
                        .extracting(r -> r.value().getPickupZoneId())
                        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, ROUNDS)
                                .mapToObj(round -> String.valueOf(1000 + round))
                                .toList());
            }
        }
    }

    private static Zone midtownLike(String zoneId) {
        return Zone.newBuilder()
                .setZoneId(zoneId)
                .setName("Zone " + zoneId)
                .setBorough("Manhattan")
                .setZoneType(ZoneType.BUSINESS)
                .setCentroid(new GeoPoint(40.76, -73.99))
                .setBoundingBox(new BoundingBox(40.75, -74.00, 40.77, -73.98))
                .setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }
}
