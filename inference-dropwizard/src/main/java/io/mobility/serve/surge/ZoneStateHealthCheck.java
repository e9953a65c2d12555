package io.mobility.serve.surge;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;

/** Healthy when the zone-state reader runs, polled recently and is at most {@code maxLag} records behind. */
public final class ZoneStateHealthCheck extends HealthCheck {

    private final ZoneStateReader reader;
    private final LiveZoneStates states;
    private final long maxLag;
    private final Clock clock;

    public ZoneStateHealthCheck(ZoneStateReader reader, LiveZoneStates states, long maxLag, Clock clock) {
        this.reader = reader;
        this.states = states;
        this.maxLag = maxLag;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        if (!reader.isRunning()) {
            return Result.unhealthy("the zone-state reader is not running");
        }
        if (states.lastPoll().isEmpty() || states.lag().isEmpty()) {
            return Result.unhealthy("the zone-state reader has not polled the topic yet");
        }
        Duration sincePoll = Duration.between(states.lastPoll().get(), clock.instant());
        if (sincePoll.compareTo(Duration.ofSeconds(30)) > 0) {
            return Result.unhealthy("the zone-state reader last polled %s ago", sincePoll);
        }
        long lag = states.lag().getAsLong();
        if (lag > maxLag) {
            return Result.unhealthy("the zone-state reader is %d records behind, more than %d", lag, maxLag);
        }
        return Result.healthy("%d zone states, %d records behind", states.size(), lag);
    }
}
