package io.mobility.streams.metrics;

import io.mobility.streams.MobilityMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.MetricName;

/**
 * Where a Kafka metric goes in the Prometheus exposition: its family name, whether it is a counter, its labels.
 *
 * <p>Kafka's {@code group} without {@code -metrics}, then its {@code name}, under {@code kafka_}, dashes and dots as
 * underscores: {@code stream-thread-metrics/process-rate{thread-id}} is
 * {@code kafka_stream_thread_process_rate{thread_id}}, the names Micrometer's Kafka binders give them too. Kafka's
 * {@code -total} metrics are cumulative (KIP-187's naming), so they are counters, but for two of Kafka Streams' that
 * go down; everything else is a gauge.
 *
 * <p>The app's own counters ({@link MobilityMetrics#GROUP}) are {@code mobility_<operation>}, with the entity they
 * count (Kafka's {@code mobility-id} tag) as label {@code entity}; the quarantine's per-reason counters are one family,
 * {@code mobility_quarantined_total{reason="UNKNOWN_ZONE"}}, rather than a name per reason code.
 */
public record PrometheusName(String family, boolean counter, List<String> labelNames, List<String> labelValues) {

    static final String KAFKA_PREFIX = "kafka_";
    static final String APP_PREFIX = "mobility_";
    static final String ENTITY_LABEL = "entity";
    static final String REASON_LABEL = "reason";

    private static final String TOTAL = "-total";
    /** Kafka Streams' {@code -total} metrics that go down (a size, work left): gauges, under their name less -total. */
    private static final Set<String> GAUGES_NAMED_TOTAL =
            Set.of("cache-size-bytes-total", "restore-remaining-records-total");

    private static final List<String> RESERVED_SUFFIXES = List.of("_created", "_bucket", "_info", "_total");
    private static final String QUARANTINED = MobilityMetrics.QUARANTINED + "-";

    public static PrometheusName of(MetricName metric) {
        String name = metric.name();
        boolean counter = name.endsWith(TOTAL) && !GAUGES_NAMED_TOTAL.contains(name);
        boolean total = name.endsWith(TOTAL);
        Labels labels = new Labels();
        String family;
        if (metric.group().equals(MobilityMetrics.GROUP)) {
            if (name.startsWith(QUARANTINED)) {
                // quarantined-UNKNOWN_ZONE-total: the reason code between the prefix and the last dash.
                int suffix = name.lastIndexOf('-');
                if (suffix > QUARANTINED.length()) {
                    labels.add(REASON_LABEL, name.substring(QUARANTINED.length(), suffix));
                    name = MobilityMetrics.QUARANTINED + name.substring(suffix);
                }
            }
            family = APP_PREFIX + legal(total ? name.substring(0, name.length() - TOTAL.length()) : name);
            for (Map.Entry<String, String> tag : metric.tags().entrySet()) {
                labels.add(
                        tag.getKey().equals(MobilityMetrics.SCOPE + "-id") ? ENTITY_LABEL : legal(tag.getKey()),
                        tag.getValue());
            }
        } else {
            String group = metric.group().endsWith("-metrics")
                    ? metric.group().substring(0, metric.group().length() - "-metrics".length())
                    : metric.group();
            String base = total ? name.substring(0, name.length() - TOTAL.length()) : name;
            family = KAFKA_PREFIX + legal(group) + "_" + legal(base);
            metric.tags().forEach((key, value) -> labels.add(legal(key), value));
        }
        return new PrometheusName(unreserved(family), counter, List.copyOf(labels.names), List.copyOf(labels.values));
    }

    /**
     * The exposition formats keep names ending in {@code _created}, {@code _bucket}, {@code _info} and {@code _total}
     * for samples of their own (a counter's creation time...), and the client refuses them as family names: Kafka
     * Streams' {@code task-created-total} would be one. Such a family gets {@code _count} appended
     * ({@code kafka_stream_thread_task_created_count_total}) rather than lose its last word.
     */
    static String unreserved(String family) {
        for (String reserved : RESERVED_SUFFIXES) {
            if (family.endsWith(reserved)) {
                return family + "_count";
            }
        }
        return family;
    }

    /**
     * {@code name} in Prometheus' classic character set ({@code [a-zA-Z_][a-zA-Z0-9_]*}), which every scraper and
     * query accepts without quoting; leading double underscores are Prometheus' own, so they become one.
     */
    static String legal(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            out.append(ok ? c : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        while (out.length() > 1 && out.charAt(0) == '_' && out.charAt(1) == '_') {
            out.deleteCharAt(0);
        }
        return out.toString();
    }

    /** Label names in Kafka's tag order; a second tag that maps to a name already taken is left out. */
    private static final class Labels {
        private final Set<String> names = new LinkedHashSet<>();
        private final List<String> values = new ArrayList<>();

        void add(String name, String value) {
            if (names.add(name)) {
                values.add(value == null ? "" : value);
            }
        }
    }
}
