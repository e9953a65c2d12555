package io.mobility.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.sink.RecordingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulationDeterminismTest {

    private static final Clock WALL = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final SimulationConfig CONFIG = SimulationConfig.defaults(
                    Instant.parse("2025-05-01T04:00:00Z"), Duration.ofHours(8))
            .withFaults(FaultRates.all(0.01));

    private static RecordingSink run(SimulationConfig config) throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        new Simulation(config, sink, SimulationClock.backfill(), WALL, Progress.silent()).run();
        return sink;
    }

    @Test
    void theSameSeedSendsTheSameRecordsInTheSameOrder() throws InterruptedException {
        RecordingSink first = run(CONFIG);
        RecordingSink second = run(CONFIG);

        assertThat(first.sent).hasSizeGreaterThan(10_000);
        assertThat(second.sent).isEqualTo(first.sent);
        assertThat(first.sent).anyMatch(s -> s.raw() != null);
    }

    @Test
    void anotherSeedSendsOtherEvents() throws InterruptedException {
        RecordingSink first = run(CONFIG);
        RecordingSink other = run(CONFIG.withSeed(7));

        assertThat(other.sent).isNotEqualTo(first.sent);
    }
}
