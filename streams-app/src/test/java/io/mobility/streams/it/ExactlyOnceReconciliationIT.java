package io.mobility.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.events.zone.ZoneState;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.SpecificAvroSerde;
import io.mobility.streams.MobilityMetrics;
import io.mobility.streams.MobilityTopology;
import io.mobility.streams.StreamsSettings;
import io.mobility.streams.health.HealthEndpoint;
import io.mobility.streams.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The app on a real broker with exactly-once: dirty input reconciles exactly, read as a downstream consumer does
 * (read_committed): input records = clean + quarantined (per reason) + duplicates dropped.
 */
class ExactlyOnceReconciliationIT {

    @Test
    void dirtyInputReconcilesExactly() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            cluster.loadReferenceData(100);
            Instant start = Instant.now().minus(Duration.ofHours(2));
            DirtyInput input = DirtyInput.generate(1000, 42, start, 0.15, cluster::encode);
            cluster.send(input.records);
            log("sent " + input.totalRecords() + " records");
            assertThat(input.faults).as("every fault kind is exercised").hasSize(DirtyInput.Fault.values().length);

            StreamsSettings settings = cluster.appSettings("reconcile");
            try (KafkaStreams streams = new KafkaStreams(MobilityTopology.build(settings), settings.asProperties());
                    HealthEndpoint health = HealthEndpoint.start(streams, "127.0.0.1", 0)) {
                assertThat(get(health, "/health/ready").statusCode()).isEqualTo(503);
                streams.start();
                log("started");

                int cleanRides = input.cleanRideEventIds.size();
                var clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() >= cleanRides,
                        Duration.ofSeconds(120));
                var quarantine = cluster.readCommitted(
                        Topics.QUARANTINE.name(),
                        serde(platform, QuarantineRecord.class),
                        read -> read.size() >= input.quarantined(),
                        Duration.ofSeconds(60));
                var cleanDrivers = cluster.readCommitted(
                        Topics.DRIVER_EVENTS_CLEAN.name(),
                        serde(platform, io.mobility.events.driver.DriverEvent.class),
                        read -> read.size() >= input.cleanDriverEventIds.size(),
                        Duration.ofSeconds(60));
                log("outputs read");
                Thread.sleep(1000); // anything beyond the expected counts would have had time to show up
                clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() > cleanRides,
                        Duration.ofSeconds(3));

                // Clean: exactly the valid events, each once.
                List<String> cleanIds =
                        clean.stream().map(r -> r.value().getEventId()).toList();
                assertThat(cleanIds).hasSize(cleanRides).doesNotHaveDuplicates();
                assertThat(cleanIds).containsExactlyInAnyOrderElementsOf(input.cleanRideEventIds);
                assertThat(cleanDrivers)
                        .extracting(r -> r.value().getEventId())
                        .containsExactlyInAnyOrderElementsOf(input.cleanDriverEventIds);

                // Quarantine: per reason, exactly what was injected, each with its source coordinates.
                Map<String, Long> byReason = quarantine.stream()
                        .collect(Collectors.groupingBy(
                                r -> r.value().getReasonCode(), TreeMap::new, Collectors.counting()));
                assertThat(byReason).isEqualTo(input.quarantinedByReason);
                assertThat(quarantine).allSatisfy(r -> {
                    QuarantineRecord q = r.value();
                    assertThat(r.key())
                            .isEqualTo(q.getSourceTopic() + "/" + q.getSourcePartition() + "/" + q.getSourceOffset());
                    assertThat(q.getValue()).isNotNull();
                });

                // Duplicates: counted, and the books balance.
                long duplicates = MobilityMetrics.total(streams.metrics(), "ride-events", "duplicate-dropped")
                        + MobilityMetrics.total(streams.metrics(), "driver-events", "duplicate-dropped");
                assertThat(duplicates).isEqualTo(input.duplicates);
                assertThat(input.totalRecords())
                        .isEqualTo(clean.size() + cleanDrivers.size() + quarantine.size() + duplicates);

                // Every ride ends in its furthest valid phase, with each valid event applied once.
                Map<String, RideState> rides = latestByKey(cluster.readCommitted(
                        Topics.RIDES.name(),
                        serde(platform, RideState.class),
                        read -> latestByKey(read).entrySet().stream()
                                        .allMatch(e ->
                                                e.getValue().getEventsApplied() == input.eventsApplied.get(e.getKey()))
                                && latestByKey(read).size() == input.finalStatus.size(),
                        Duration.ofSeconds(60)));
                assertThat(rides.keySet()).isEqualTo(input.finalStatus.keySet());
                assertThat(rides).allSatisfy((id, ride) -> {
                    assertThat(ride.getStatus()).as(id).isEqualTo(input.finalStatus.get(id));
                    assertThat(ride.getEventsApplied()).as(id).isEqualTo(input.eventsApplied.get(id));
                });
                // Rides 0..99 have their driver in the reference table (COMFORT); the others keep the requested
                // ECONOMY, or UNKNOWN when their request was quarantined.
                assertThat(rides.values())
                        .filteredOn(r -> r.getDriverId() != null)
                        .allSatisfy(r -> assertThat(r.getVehicleType().name())
                                .as(r.getRideId())
                                .isEqualTo(
                                        Integer.parseInt(r.getRideId().substring(5)) < 100
                                                ? "COMFORT"
                                                : r.getRequestedAt() != null ? "ECONOMY" : "UNKNOWN"));
                log("rides checked");

                // Live zone state reached its compacted topic.
                var zoneState = cluster.readCommitted(
                        Topics.ZONE_STATE.name(),
                        serde(platform, ZoneState.class),
                        read -> latestByKey(read).size() >= 4,
                        Duration.ofSeconds(30));
                assertThat(latestByKey(zoneState)).containsKeys("161/5", "161/15", "132/5", "132/15");

                // Health and metrics from the running app.
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(get(health, "/health/ready").statusCode()).isEqualTo(200);
                assertThat(get(health, "/health/live").body()).contains("RUNNING");
                assertThat(PrometheusText.parse(get(health, "/metrics").body())
                                .sum("mobility_duplicate_dropped_total", Map.of()))
                        .isEqualTo(input.duplicates);
            }
        }
    }

    private static final long T0 = System.nanoTime();

    private static void log(String what) {
        System.out.printf("%6d ms  %s%n", (System.nanoTime() - T0) / 1_000_000, what);
    }

    private static <V> Map<String, V> latestByKey(List<ConsumerRecord<String, V>> records) {
        Map<String, V> latest = new HashMap<>();
        records.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    static <T extends SpecificRecord> org.apache.kafka.common.serialization.Deserializer<T> serde(
            LocalPlatform platform, Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        return serde.deserializer();
    }

    private static HttpResponse<String> get(HealthEndpoint health, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
