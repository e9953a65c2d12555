package io.mobility.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.Producer;
import io.mobility.events.rider.Rider;
import io.mobility.simulator.sink.EventSink;
import io.mobility.simulator.sink.RecordingSink;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class HandOffSinkTest {

    /** Serializes a rider as its id's bytes and records what it is sent, pausing every 256 records if asked. */
    private record SerializingRecorder(RecordingSink recorded, long pauseMillis) implements SerializingSink {
        @Override
        public byte[] serialize(String topic, SpecificRecord value) {
            return ((Rider) value).getRiderId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void send(String topic, String key, SpecificRecord value) {
            pause();
            recorded.send(topic, key, value);
        }

        @Override
        public void sendRaw(String topic, String key, byte[] value) {
            pause();
            recorded.sendRaw(topic, key, value);
        }

        private void pause() {
            if (pauseMillis > 0 && recorded.sent.size() % 256 == 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Rider rider(int i) {
        return new Rider("U" + i, LocalDate.of(2024, 1, 1), null, null, Instant.EPOCH);
    }

    @Test
    void keepsTheOrderOfSendsAndFlushWaitsForAll() {
        RecordingSink target = new RecordingSink();
        try (HandOffSink sink = new HandOffSink(target)) {
            for (int i = 0; i < 5_000; i++) {
                if (i % 7 == 0) {
                    sink.sendRaw("t", "k" + i, new byte[] {(byte) i});
                } else {
                    sink.send("t", "k" + i, rider(i));
                }
            }
            sink.flush();
            assertThat(target.sent).hasSize(5_000);
            for (int i = 0; i < 5_000; i++) {
                assertThat(target.sent.get(i).key()).isEqualTo("k" + i);
            }
        }
    }

    @Test
    void theCallerSerializesWhileTheSenderIsBehindAndEveryRecordArrivesOnceInOrder() {
        RecordingSink recorded = new RecordingSink();
        SerializingSink slowTarget = new SerializingRecorder(recorded, 2);
        int n = 30_000;
        long serializedHere;
        try (HandOffSink sink = new HandOffSink(slowTarget)) {
            for (int i = 1; i <= n; i++) {
                sink.send("t", "k" + i, rider(i));
            }
            sink.flush();
            serializedHere = sink.serializedHere();
        }
        assertThat(recorded.sent).hasSize(n);
        long raw = 0;
        for (int i = 1; i <= n; i++) {
            RecordingSink.Sent sent = recorded.sent.get(i - 1);
            assertThat(sent.key()).isEqualTo("k" + i);
            if (sent.raw() != null) {
                raw++;
                assertThat(new String(sent.raw(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("U" + i);
            } else {
                assertThat(((Rider) sent.value()).getRiderId()).isEqualTo("U" + i);
            }
        }
        assertThat(raw).isEqualTo(serializedHere).isPositive().isLessThan(n);
    }

    @Test
    void theCallerLeavesSerializingToAnIdleSender() throws InterruptedException {
        RecordingSink recorded = new RecordingSink();
        SerializingSink fastTarget = new SerializingRecorder(recorded, 0);
        int batches = 10;
        long serializedHere;
        try (HandOffSink sink = new HandOffSink(fastTarget)) {
            for (int i = 0; i < batches * HandOffSink.BATCH; i++) {
                sink.send("t", "k" + i, rider(i));
                if ((i + 1) % HandOffSink.BATCH == 0) {
                    // a slow generator: the sender has long taken each batch before the next is ready
                    Thread.sleep(20);
                }
            }
            sink.flush();
            serializedHere = sink.serializedHere();
        }
        assertThat(recorded.sent).hasSize(batches * HandOffSink.BATCH);
        // At most one batch for a sender the scheduler kept waiting; with the check made after handing a batch over,
        // the queue still held that batch and the caller serialized nearly everything (9 of 10 batches).
        assertThat(serializedHere).isLessThanOrEqualTo(HandOffSink.BATCH);
    }

    @Test
    void aFailureInTheSenderFailsTheCaller() {
        EventSink failing = new EventSink() {
            @Override
            public void send(String topic, String key, SpecificRecord value) {
                throw new IllegalStateException("broker gone");
            }

            @Override
            public void sendRaw(String topic, String key, byte[] value) {}
        };
        HandOffSink sink = new HandOffSink(failing);
        sink.send("t", "k", new Producer("p", "1", null));
        assertThatThrownBy(sink::flush).hasMessageContaining("broker gone");
    }
}
