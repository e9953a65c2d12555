package io.mobility.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.simulator.sink.EventSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendingTest {

    @Test
    void aBackfillHandsOffAndLiveModeSendsOnTheGeneratingThread() {
        assertThat(Sending.forMode(false)).isEqualTo(Sending.HAND_OFF);
        assertThat(Sending.forMode(true)).isEqualTo(Sending.DIRECT);
        // no broker needed: the producer connects on the first send only
        KafkaEventSink kafka = new KafkaEventSink("localhost:9", "http://localhost:9", Map.of());
        try (EventSink handOff = Sending.HAND_OFF.wrap(kafka)) {
            assertThat(handOff).isInstanceOf(HandOffSink.class);
            assertThat(Sending.DIRECT.wrap(kafka)).isSameAs(kafka);
        }
    }
}
