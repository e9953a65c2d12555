package io.mobility.streams.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Every numeric metric of a Kafka client, read at each scrape, as Prometheus metric families: for the streams app,
 * {@code KafkaStreams.metrics()}, which holds Streams' client, thread, task, processor and state-store metrics (at the
 * configured {@code metrics.recording.level}), its consumers', producers' and admin client's, and the app's counters
 * ({@link io.mobility.streams.MobilityMetrics}). Names and labels: {@link PrometheusName}.
 *
 * <p>The Prometheus client (the version the API's {@code /prometheus} uses), not Micrometer's
 * {@code KafkaStreamsMetrics}: a scrape reads the metrics Kafka has at that moment, where the binder re-registers
 * meters on a timer (a new task's metrics show up to a minute late, a closed one's linger), and it keeps every tag
 * set of a name, where the binder drops the meters of a name that have fewer tags than others. One client version in
 * the repository, no meter registry in between.
 *
 * <p>Kafka has string metrics (version, commit id, state, topology description): left out. A value that is not finite
 * (an average or maximum with no sample yet is NaN) is left out, so that a sum or max over threads stays a number. Two
 * metrics that would give the same family and labels (names that differ only in characters Prometheus does not allow)
 * or a counter and a gauge of the same family: the first in Kafka's (group, name, tags) order stays, so a scrape
 * always parses.
 */
public final class KafkaMetricsCollector implements MultiCollector {

    private static final Comparator<MetricName> ORDER = Comparator.comparing(MetricName::group)
            .thenComparing(MetricName::name)
            .thenComparing(n -> new TreeMap<>(n.tags()).toString());

    private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;

    public KafkaMetricsCollector(Supplier<? extends Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new TreeMap<>();
        Map<MetricName, Metric> sorted = new TreeMap<>(ORDER);
        sorted.putAll(metrics.get());
        for (Map.Entry<MetricName, Metric> e : sorted.entrySet()) {
            if (!(e.getValue().metricValue() instanceof Number number)) {
                continue;
            }
            double value = number.doubleValue();
            PrometheusName name = PrometheusName.of(e.getKey());
            if (!Double.isFinite(value) || name.counter() && value < 0) {
                continue;
            }
            Family family = families.computeIfAbsent(
                    name.family(), f -> new Family(f, name.counter(), e.getKey().description()));
            if (family.counter == name.counter()) {
                family.points.putIfAbsent(Labels.of(name.labelNames(), name.labelValues()), value);
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        families.values().forEach(f -> snapshots.add(f.snapshot()));
        return new MetricSnapshots(snapshots);
    }

    /** One family's samples, by labels (sorted, so a scrape's order does not depend on Kafka's hash maps). */
    private static final class Family {
        final String name;
        final boolean counter;
        final String help;
        final Map<Labels, Double> points = new TreeMap<>();

        Family(String name, boolean counter, String help) {
            this.name = name;
            this.counter = counter;
            this.help = help == null || help.isBlank() ? null : help;
        }

        MetricSnapshot snapshot() {
            if (counter) {
                CounterSnapshot.Builder counters =
                        CounterSnapshot.builder().name(name).help(help);
                points.forEach((labels, value) -> counters.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels)
                        .value(value)
                        .build()));
                return counters.build();
            }
            GaugeSnapshot.Builder gauges = GaugeSnapshot.builder().name(name).help(help);
            points.forEach((labels, value) -> gauges.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels)
                    .value(value)
                    .build()));
            return gauges.build();
        }
    }
}
