package io.mobility.simulator.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps what was sent, in order, for tests of the Kafka-independent core. */
public final class RecordingSink implements EventSink {

    /** One sent record: an Avro value, or raw bytes when {@code value} is null. */
    public record Sent(String topic, String key, SpecificRecord value, byte[] raw) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sent s
                    && topic.equals(s.topic)
                    && key.equals(s.key)
                    && java.util.Objects.equals(value, s.value)
                    && Arrays.equals(raw, s.raw);
        }

        @Override
        public int hashCode() {
            return topic.hashCode() * 31 + key.hashCode();
        }
    }

    public final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        sent.add(new Sent(topic, key, value, null));
    }

    @Override
    public void sendRaw(String topic, String key, byte[] value) {
        sent.add(new Sent(topic, key, null, value.clone()));
    }
}
