package io.mobility.serve.surge;

import io.mobility.events.zone.ZoneState;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link ZoneState} per zone and window size, as read from {@code mobility.zone-state}, with what the
 * reader knows about its own progress (lag and last poll), so answers can say how fresh they are.
 */
public final class LiveZoneStates {

    private final ConcurrentHashMap<String, ZoneState> states = new ConcurrentHashMap<>();
    private volatile long lag = -1;
    private volatile Instant lastPoll;

    /** Keeps the state unless an older window arrives late (the topic is a changelog, so order per key holds). */
    public void update(ZoneState state) {
        states.merge(
                key(state.getZoneId(), state.getWindowMinutes()),
                state,
                (old, next) -> next.getWindowEnd().isBefore(old.getWindowEnd()) ? old : next);
    }

    public Optional<ZoneState> latest(String zoneId, int windowMinutes) {
        return Optional.ofNullable(states.get(key(zoneId, windowMinutes)));
    }

    public int size() {
        return states.size();
    }

    void progress(long lag, Instant polledAt) {
        this.lag = lag;
        this.lastPoll = polledAt;
    }

    /** Records behind the end of the topic at the last poll; empty until the reader has polled once. */
    public OptionalLong lag() {
        return lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag);
    }

    public Optional<Instant> lastPoll() {
        return Optional.ofNullable(lastPoll);
    }

    private static String key(String zoneId, int windowMinutes) {
        return zoneId + "/" + windowMinutes;
    }
}
