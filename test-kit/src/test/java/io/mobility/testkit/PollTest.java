package io.mobility.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsTheFirstAnswerThatWillDo() throws Exception {
        AtomicInteger asked = new AtomicInteger();

        int answer = Poll.until("three questions", Duration.ofSeconds(10), asked::incrementAndGet, n -> n >= 3);

        assertThat(answer).isEqualTo(3);
        assertThat(asked).hasValue(3);
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastAnswer() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> Poll.until(
                        "the task RUNNING", Duration.ofMillis(300), () -> "FAILED", s -> s.equals("RUNNING")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("waiting for the task RUNNING: not done after 300 ms; last seen: FAILED");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    @Test
    void aProbeThatThrowsStopsTheWait() {
        assertThatThrownBy(() -> Poll.until(
                        "an answer",
                        Duration.ofSeconds(10),
                        () -> {
                            throw new IOException("connection refused");
                        },
                        s -> true))
                .isInstanceOf(IOException.class)
                .hasMessage("connection refused");
    }

    @Test
    void aConditionWaitsUntilTrueOrFailsNamingIt() throws Exception {
        long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
        Poll.until("200 ms to pass", Duration.ofSeconds(10), () -> System.nanoTime() >= until);
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(until);

        assertThatThrownBy(() -> Poll.until("the broker to stop", Duration.ofMillis(100), () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessage("waiting for the broker to stop: not done after 100 ms");
    }
}
