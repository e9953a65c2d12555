package io.mobility.simulator.clock;

import java.time.Clock;
import java.time.Instant;

/**
 * Live pace: event time advances {@code speed} times as fast as wall time, from the moment the first minute is
 * produced. Speed 1 is real time; 60 plays an hour a minute.
 */
public final class LiveClock implements SimulationClock {

    private final double speed;
    private final Clock wall;
    private Instant firstEventTime;
    private long firstWallMillis;

    public LiveClock(double speed, Clock wall) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be positive, got " + speed);
        }
        this.speed = speed;
        this.wall = wall;
    }

    @Override
    public void awaitEventTime(Instant eventTime) throws InterruptedException {
        if (firstEventTime == null) {
            firstEventTime = eventTime;
            firstWallMillis = wall.millis();
            return;
        }
        long due = firstWallMillis + (long) ((eventTime.toEpochMilli() - firstEventTime.toEpochMilli()) / speed);
        long wait = due - wall.millis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
