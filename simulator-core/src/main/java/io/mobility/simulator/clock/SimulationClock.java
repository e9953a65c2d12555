package io.mobility.simulator.clock;

import java.time.Instant;

/** Paces the simulation: event time is simulated, this decides how it relates to wall time. */
public interface SimulationClock {

    /** Returns when the simulation may produce the minute starting at {@code eventTime}. */
    void awaitEventTime(Instant eventTime) throws InterruptedException;

    /** Backfill: history as fast as the machine allows; event time never waits for wall time. */
    static SimulationClock backfill() {
        return eventTime -> {};
    }
}
