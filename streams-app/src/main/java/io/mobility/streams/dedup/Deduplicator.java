package io.mobility.streams.dedup;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Remembers the event ids seen within an event-time horizon. A RocksDB window store (the in-memory one stalls on
 * dense timestamps) keyed by event_id: an id seen within the horizon either side of this event's time is a duplicate.
 * Duplicates of an event share its key, so they reach the same partition and the same store.
 */
public final class Deduplicator {

    private final WindowStore<String, Long> seen;
    private final long horizonMs;

    public Deduplicator(WindowStore<String, Long> seen, Duration horizon) {
        this.seen = seen;
        this.horizonMs = horizon.toMillis();
    }

    public static StoreBuilder<WindowStore<String, Long>> store(String name, Duration horizon) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, horizon, horizon, false), Serdes.String(), Serdes.Long());
    }

    /** True the first time {@code eventId} is seen within the horizon; records it. */
    public boolean firstSighting(String eventId, long eventTimeMs) {
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, eventTimeMs - horizonMs,
                eventTimeMs + horizonMs)) {
            if (earlier.hasNext()) {
                return false;
            }
        }
        seen.put(eventId, eventTimeMs, eventTimeMs);
        return true;
    }
}
