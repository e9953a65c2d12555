package io.mobility.streams;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** One line of what the app has done so far, from its own counters. */
final class CounterSummary {

    private CounterSummary() {}

    static String line(Map<MetricName, ? extends Metric> metrics) {
        long quarantined = metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals(MobilityMetrics.GROUP)
                        && e.getKey().name().startsWith("quarantined-")
                        && e.getKey().name().endsWith("-total"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue())
                .sum();
        return "clean rides " + MobilityMetrics.total(metrics, "ride-events", "clean")
                + ", clean driver events " + MobilityMetrics.total(metrics, "driver-events", "clean")
                + ", duplicates dropped "
                + (MobilityMetrics.total(metrics, "ride-events", "duplicate-dropped")
                        + MobilityMetrics.total(metrics, "driver-events", "duplicate-dropped"))
                + ", quarantined " + quarantined
                + ", ride updates " + MobilityMetrics.total(metrics, "rides", "fold-applied");
    }
}
