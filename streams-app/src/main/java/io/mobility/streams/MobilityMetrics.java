package io.mobility.streams;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The app's own counters, registered as Kafka Streams custom metrics (group {@code stream-mobility-metrics}), so they
 * show up wherever Streams metrics do: JMX, {@code KafkaStreams.metrics()}, the health port's {@code /metrics}
 * (Prometheus: {@code mobility_<operation>_total{entity=...}}, see {@code io.mobility.streams.metrics}).
 */
public final class MobilityMetrics {

    public static final String SCOPE = "mobility";
    public static final String GROUP = "stream-" + SCOPE + "-metrics";
    /** The operation of the quarantine's counters, one per reason code: {@code quarantined-UNKNOWN_ZONE}. */
    public static final String QUARANTINED = "quarantined";

    private MobilityMetrics() {}

    /**
     * A counter for {@code operation} (e.g. {@code duplicate-dropped}) of {@code entity} (e.g. {@code ride-events}).
     */
    public static Sensor counter(StreamsMetrics metrics, String entity, String operation) {
        return metrics.addRateTotalSensor(SCOPE, entity, operation, Sensor.RecordingLevel.INFO);
    }

    /** Sum over stream threads of the {@code operation-total} counter of {@code entity}. */
    public static long total(Map<MetricName, ? extends Metric> metrics, String entity, String operation) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals(GROUP)
                        && e.getKey().name().equals(operation + "-total")
                        && entity.equals(e.getKey().tags().get(SCOPE + "-id")))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue())
                .sum();
    }
}
