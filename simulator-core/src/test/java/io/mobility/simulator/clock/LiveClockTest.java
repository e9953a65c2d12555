package io.mobility.simulator.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.simulator.Progress;
import io.mobility.simulator.Simulation;
import io.mobility.simulator.SimulationConfig;
import io.mobility.simulator.sink.RecordingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveClockTest {

    @Test
    void liveModePlaysEventTimeAtTheSpeedUpFactor() throws InterruptedException {
        // 10 minutes of event time at 1200x: half a second of wall time (the first minute starts at once)
        SimulationConfig config = SimulationConfig.defaults(
                        Instant.parse("2025-05-02T12:00:00Z"), Duration.ofMinutes(11))
                .withRiders(100);
        RecordingSink sink = new RecordingSink();
        long start = System.nanoTime();
        new Simulation(config, sink, new LiveClock(1200, Clock.systemUTC()), Clock.systemUTC(), Progress.silent())
                .run();
        double seconds = (System.nanoTime() - start) / 1e9;

        // at least the paced half second; far below the 10 minutes real time would take, even on a loaded machine
        assertThat(seconds).isBetween(0.5, 60.0);
        assertThat(sink.sent).isNotEmpty();
    }

    @Test
    void backfillDoesNotWaitForWallTime() throws InterruptedException {
        SimulationClock clock = SimulationClock.backfill();
        long start = System.nanoTime();
        clock.awaitEventTime(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(0.5);
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> new LiveClock(0, Clock.systemUTC())).hasMessageContaining("--speed must be positive");
    }
}
