package io.mobility.simulator.kafka;

import io.mobility.simulator.sink.EventSink;

/**
 * How the simulator hands its records to Kafka: {@code producer.send} on the generating thread itself, or through
 * {@link HandOffSink}'s second thread. The rule, from {@code bench simulate} (docs/benchmarks.md, simulate): a
 * backfill hands off, as on two shared cores the overlap gained more than the second thread cost (higher rate, and
 * no more CPU per record); live mode sends directly, as its trickle would wait for 1,024-record batches.
 */
public enum Sending {
    DIRECT,
    HAND_OFF;

    /** The name benchmark reports use: {@code direct}, {@code hand_off}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Sending forMode(boolean live) {
        return live ? DIRECT : HAND_OFF;
    }

    public EventSink wrap(KafkaEventSink kafka) {
        return this == DIRECT ? kafka : new HandOffSink(kafka);
    }
}
