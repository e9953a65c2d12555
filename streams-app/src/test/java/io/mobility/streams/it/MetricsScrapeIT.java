package io.mobility.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.platform.LocalPlatform;
import io.mobility.streams.Events;
import io.mobility.streams.MobilityTopology;
import io.mobility.streams.StreamsSettings;
import io.mobility.streams.health.HealthEndpoint;
import io.mobility.streams.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The app on a real broker, scraped as Prometheus scrapes it: {@code GET /metrics} on the health port parses as the
 * text format and counts what the test sent, in the app's counters and in Kafka's own metrics.
 */
class MetricsScrapeIT {

    private static final String RAW = Topics.RIDE_EVENTS_RAW.name();
    private static final int CLEAN = 12;
    private static final int UNKNOWN_ZONE = 2;
    private static final int UNDECODABLE = 3;
    private static final int DUPLICATES = 1;
    private static final int SENT = CLEAN + UNKNOWN_ZONE + UNDECODABLE + DUPLICATES;

    @Test
    void scrapeCountsWhatFlowed() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            cluster.loadReferenceData(0);
            Instant now = Instant.now();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < CLEAN; i++) {
                records.add(ride(cluster, Events.requested("scrape-" + i, now)));
            }
            for (int i = 0; i < UNKNOWN_ZONE; i++) {
                RideEvent event = Events.requested("scrape-unknown-zone-" + i, now);
                event.setPickupZoneId("999");
                records.add(ride(cluster, event));
            }
            for (int i = 0; i < UNDECODABLE; i++) {
                records.add(new ProducerRecord<>(
                        RAW,
                        Cluster.utf8("scrape-json-" + i),
                        "{\"event_id\":\"json\"}".getBytes(StandardCharsets.UTF_8)));
            }
            records.add(ride(cluster, Events.requested("scrape-0", now))); // the same event_id again
            cluster.send(records);

            StreamsSettings settings = cluster.appSettings("scrape");
            try (KafkaStreams streams = new KafkaStreams(MobilityTopology.build(settings), settings.asProperties());
                    HealthEndpoint health = HealthEndpoint.start(streams, "127.0.0.1", 0)) {
                Cluster.startAndAwaitRunning(streams);
                cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        ExactlyOnceReconciliationIT.serde(platform, RideEvent.class),
                        read -> read.size() >= CLEAN,
                        Duration.ofSeconds(60));
                cluster.readCommitted(
                        Topics.QUARANTINE.name(),
                        ExactlyOnceReconciliationIT.serde(platform, QuarantineRecord.class),
                        read -> read.size() >= UNKNOWN_ZONE + UNDECODABLE,
                        Duration.ofSeconds(60));

                HttpResponse<String> response = scrape(health);
                PrometheusText metrics = PrometheusText.parse(response.body());
                // Kafka's fetch metrics are updated as the consumer hands records over: give them a moment.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!Double.valueOf(SENT).equals(consumedRaw(metrics)) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    response = scrape(health);
                    metrics = PrometheusText.parse(response.body());
                }

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
                Map<String, String> rideEvents = Map.of("entity", "ride-events");
                assertThat(metrics.sum("mobility_clean_total", rideEvents)).isEqualTo(CLEAN);
                assertThat(metrics.sum("mobility_duplicate_dropped_total", rideEvents))
                        .isEqualTo(DUPLICATES);
                assertThat(metrics.sum(
                                "mobility_quarantined_total",
                                Map.of("entity", "ride-events", "reason", "UNKNOWN_ZONE")))
                        .isEqualTo(UNKNOWN_ZONE);
                assertThat(metrics.sum(
                                "mobility_quarantined_total",
                                Map.of("entity", "ride-events", "reason", "BAD_MAGIC_BYTE")))
                        .isEqualTo(UNDECODABLE);
                assertThat(metrics.sum("mobility_quarantined_total", Map.of())).isEqualTo(UNKNOWN_ZONE + UNDECODABLE);

                // Kafka's and Kafka Streams' own metrics, labelled by client, thread and task.
                assertThat(consumedRaw(metrics)).isEqualTo(SENT);
                assertThat(metrics.sum("kafka_stream_thread_process_total", Map.of()))
                        .isGreaterThanOrEqualTo(SENT);
                assertThat(metrics.series()).anySatisfy(s -> {
                    assertThat(s.name()).startsWith("kafka_stream_task_");
                    assertThat(s.labels()).containsKeys("thread_id", "task_id");
                });
                assertThat(metrics.series()).anySatisfy(s -> {
                    assertThat(s.name()).startsWith("kafka_producer_");
                    assertThat(s.labels()).containsKey("client_id");
                });
                assertThat(metrics.sum("kafka_stream_alive_stream_threads", Map.of()))
                        .isEqualTo(1.0);

                // The health JSON is unchanged beside it.
                assertThat(get(health, "/health/ready").body()).isEqualTo("{\"state\":\"RUNNING\"}");
            }
        }
    }

    /** Records of the raw ride topic that the app's consumers have taken in. */
    private static Double consumedRaw(PrometheusText metrics) {
        return metrics.sum("kafka_consumer_fetch_manager_records_consumed_total", Map.of("topic", RAW));
    }

    private static ProducerRecord<byte[], byte[]> ride(Cluster cluster, RideEvent event) {
        return new ProducerRecord<>(RAW, Cluster.utf8(event.getRideId()), cluster.encode(RAW, event));
    }

    private static HttpResponse<String> scrape(HealthEndpoint health) throws Exception {
        return get(health, "/metrics");
    }

    private static HttpResponse<String> get(HealthEndpoint health, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
