package io.mobility.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.streams.MobilityMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kafka metrics, made by Kafka's own metrics registry as Streams makes them, as a scraper reads them. */
class KafkaMetricsCollectorTest {

    private static final Map<String, String> THREAD = Map.of("thread-id", "app-StreamThread-1");

    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void kafkaMetricsAreFamiliesNamedByGroupAndName() throws IOException {
        Sensor process = metrics.sensor("process");
        process.add(name("process-total", "stream-thread-metrics", THREAD), new CumulativeCount());
        process.add(name("process-rate", "stream-thread-metrics", THREAD), new Rate());
        process.add(name("process-latency-avg", "stream-thread-metrics", THREAD), new Avg());
        for (int i = 0; i < 3; i++) {
            process.record(1.0);
        }
        Sensor consumed = metrics.sensor("consumed");
        consumed.add(
                name(
                        "records-consumed-total",
                        "consumer-fetch-manager-metrics",
                        Map.of("client-id", "app-StreamThread-1-consumer", "topic", "mobility.ride-events.raw")),
                new CumulativeSum());
        consumed.record(7);

        PrometheusText scrape = scrape();

        assertThat(scrape.type("kafka_stream_thread_process_total")).isEqualTo("counter");
        assertThat(scrape.value("kafka_stream_thread_process_total", Map.of("thread_id", "app-StreamThread-1")))
                .isEqualTo(3.0);
        assertThat(scrape.type("kafka_stream_thread_process_rate")).isEqualTo("gauge");
        assertThat(scrape.value("kafka_stream_thread_process_rate", Map.of("thread_id", "app-StreamThread-1")))
                .isPositive();
        assertThat(scrape.value(
                        "kafka_consumer_fetch_manager_records_consumed_total",
                        Map.of("client_id", "app-StreamThread-1-consumer", "topic", "mobility.ride-events.raw")))
                .isEqualTo(7.0);
    }

    @Test
    void appCountersAreMobilityFamiliesWithEntityAndReason() throws IOException {
        Map<String, String> rideEvents = Map.of("thread-id", "t1", MobilityMetrics.SCOPE + "-id", "ride-events");
        count(name("clean-total", MobilityMetrics.GROUP, rideEvents), 5);
        count(name("duplicate-dropped-total", MobilityMetrics.GROUP, rideEvents), 2);
        count(name("quarantined-UNKNOWN_ZONE-total", MobilityMetrics.GROUP, rideEvents), 3);
        count(name("quarantined-MISSING_FIELD-total", MobilityMetrics.GROUP, rideEvents), 1);
        count(
                name(
                        "fold-applied-total",
                        MobilityMetrics.GROUP,
                        Map.of("thread-id", "t1", MobilityMetrics.SCOPE + "-id", "rides")),
                4);

        PrometheusText scrape = scrape();

        Map<String, String> labels = Map.of("thread_id", "t1", "entity", "ride-events");
        assertThat(scrape.value("mobility_clean_total", labels)).isEqualTo(5.0);
        assertThat(scrape.value("mobility_duplicate_dropped_total", labels)).isEqualTo(2.0);
        assertThat(scrape.sum("mobility_quarantined_total", Map.of("reason", "UNKNOWN_ZONE")))
                .isEqualTo(3.0);
        assertThat(scrape.sum("mobility_quarantined_total", Map.of("reason", "MISSING_FIELD")))
                .isEqualTo(1.0);
        assertThat(scrape.sum("mobility_quarantined_total", Map.of())).isEqualTo(4.0);
        assertThat(scrape.value("mobility_fold_applied_total", Map.of("thread_id", "t1", "entity", "rides")))
                .isEqualTo(4.0);
    }

    @Test
    void whatPrometheusCannotTakeIsLeftOutOrRenamed() throws IOException {
        // Strings (Streams' state, version), NaN (an average with no sample yet), a counter family whose name the
        // formats reserve (task-created-total), two Kafka names that differ only in characters Prometheus lacks,
        // and a gauge that would share a counter's family.
        metrics.addMetric(name("state", "stream-metrics", Map.of("client-id", "app")), (Gauge<String>)
                (config, now) -> "RUNNING");
        metrics.sensor("latency").add(name("process-latency-avg", "stream-thread-metrics", THREAD), new Avg());
        Sensor created = metrics.sensor("created");
        created.add(name("task-created-total", "stream-thread-metrics", THREAD), new CumulativeCount());
        created.record();
        Sensor dashed = metrics.sensor("dashed");
        dashed.add(name("commit-ratio", "stream-thread-metrics", THREAD), new Value());
        dashed.record(0.25);
        Sensor dotted = metrics.sensor("dotted");
        dotted.add(name("commit.ratio", "stream-thread-metrics", THREAD), new Value());
        dotted.record(0.75);
        Sensor counter = metrics.sensor("counter");
        counter.add(name("punctuate-total", "stream-thread-metrics", THREAD), new CumulativeCount());
        counter.record();
        Sensor gauge = metrics.sensor("gauge");
        gauge.add(name("punctuate", "stream-thread-metrics", THREAD), new Value());
        gauge.record(9);

        PrometheusText scrape = scrape();

        assertThat(scrape.series())
                .noneMatch(s ->
                        s.name().startsWith("kafka_stream_state") || s.name().contains("latency"));
        assertThat(scrape.value(
                        "kafka_stream_thread_task_created_count_total", Map.of("thread_id", "app-StreamThread-1")))
                .isEqualTo(1.0);
        // The first in Kafka's name order stays: "commit-ratio" sorts before "commit.ratio".
        assertThat(scrape.series())
                .filteredOn(s -> s.name().equals("kafka_stream_thread_commit_ratio"))
                .hasSize(1);
        assertThat(scrape.value("kafka_stream_thread_commit_ratio", Map.of("thread_id", "app-StreamThread-1")))
                .isEqualTo(0.25);
        assertThat(scrape.type("kafka_stream_thread_punctuate")).isEqualTo("gauge");
        assertThat(scrape.value("kafka_stream_thread_punctuate", Map.of("thread_id", "app-StreamThread-1")))
                .isEqualTo(9.0);
        assertThat(scrape.series()).noneMatch(s -> s.name().equals("kafka_stream_thread_punctuate_total"));
    }

    @Test
    void namesAndLabelsUseOnlyPrometheusCharacters() {
        PrometheusName name = PrometheusName.of(name(
                "put-rate",
                "stream-state-metrics",
                Map.of("thread-id", "t", "task-id", "0_1", "rocksdb.state-id", "dedup-store", "__meta", "x")));
        assertThat(name.family()).isEqualTo("kafka_stream_state_put_rate");
        assertThat(name.counter()).isFalse();
        assertThat(name.labelNames()).containsExactlyInAnyOrder("thread_id", "task_id", "rocksdb_state_id", "_meta");
        assertThat(PrometheusName.legal("9-lives.x")).isEqualTo("_9_lives_x");
        // A cache's size and the records left to restore go down: gauges, whatever Kafka's name says.
        PrometheusName cache = PrometheusName.of(name("cache-size-bytes-total", "stream-task-metrics", Map.of()));
        assertThat(cache.family()).isEqualTo("kafka_stream_task_cache_size_bytes");
        assertThat(cache.counter()).isFalse();
        assertThat(PrometheusName.of(name("restore-remaining-records-total", "stream-task-metrics", Map.of()))
                        .counter())
                .isFalse();
        assertThat(PrometheusName.of(name("restore-total", "stream-task-metrics", Map.of()))
                        .counter())
                .isTrue();
        assertThat(PrometheusName.of(name("version", "app-info", Map.of())).family())
                .isEqualTo("kafka_app_info_version");
    }

    @Test
    void theStrictReaderRefusesWhatPrometheusWould() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\na 2\n")).hasMessageContaining("a series seen before");
        assertThatThrownBy(() -> PrometheusText.parse("a{x-y=\"1\"} 1\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\nb 1\na{x=\"1\"} 1\n"))
                .hasMessageContaining("a comes back after b");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a counter\na 1\n"))
                .hasMessageContaining("a counter not named <name>_total");
        assertThatThrownBy(() -> PrometheusText.parse("a_total 1\n# TYPE a_total counter\n"))
                .hasMessageContaining("TYPE after samples");
        assertThatThrownBy(() -> PrometheusText.parse("a one\n")).hasMessageContaining("value one");
    }

    private void count(MetricName name, int times) {
        Sensor sensor = metrics.sensor(name.group() + "/" + name.name() + "/" + name.tags());
        sensor.add(name, new CumulativeCount());
        for (int i = 0; i < times; i++) {
            sensor.record();
        }
    }

    private MetricName name(String name, String group, Map<String, String> tags) {
        return metrics.metricName(name, group, "what " + name + " measures", tags);
    }

    /** The collector's families written as the endpoint writes them, read back by the strict reader. */
    private PrometheusText scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new KafkaMetricsCollector(metrics::metrics).collect());
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return PrometheusText.parse(text);
    }
}
