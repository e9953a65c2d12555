package io.mobility.streams.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Remembers the event ids seen within an event-time horizon: an id seen within the horizon either side of this
 * event's time is a duplicate. A changelogged RocksDB key-value store from event_id to the latest event time seen for
 * it, so each check is one point look-up; a window store answers the same question with an iterator over each of its
 * time segments, which cost more than the rest of the check. Expiry is by event time, not by the store: ids older than
 * the horizon behind stream time are deleted by {@link #forgetBefore} on a stream-time schedule, and until then an
 * old entry is simply too far away in time to match. Duplicates of an event share its key, so they reach the same
 * partition and the same store.
 */
public final class Deduplicator {

    private final KeyValueStore<String, Long> seen;
    private final long horizonMs;

    public Deduplicator(KeyValueStore<String, Long> seen, Duration horizon) {
        this.seen = seen;
        this.horizonMs = horizon.toMillis();
    }

    /** Logged (exactly once needs the ids back after a crash), not cached: ids are unique, a cache would only copy. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    /** How often, in stream time, ids beyond the horizon are deleted: entries live at most 1.25 horizons. */
    public static Duration purgeInterval(Duration horizon) {
        return horizon.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : horizon.dividedBy(4);
    }

    /** True the first time {@code eventId} is seen within the horizon; records it. */
    public boolean firstSighting(String eventId, long eventTimeMs) {
        // One call through the store's layers for the usual case, an id never seen.
        Long earlier = seen.putIfAbsent(eventId, eventTimeMs);
        if (earlier == null) {
            return true;
        }
        if (Math.abs(earlier - eventTimeMs) <= horizonMs) {
            return false;
        }
        // Beyond the horizon of the one remembered: a new event. Keep the later time, the one that expires last.
        if (eventTimeMs > earlier) {
            seen.put(eventId, eventTimeMs);
        }
        return true;
    }

    /** Deletes the ids whose latest sighting is more than the horizon before {@code streamTimeMs}. */
    public int forgetBefore(long streamTimeMs) {
        long oldest = streamTimeMs - horizonMs;
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < oldest) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(seen::delete);
        return expired.size();
    }
}
