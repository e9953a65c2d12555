package io.mobility.streams.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The live values of a task's most recently used keys, kept in front of a state store that one processor alone
 * writes. A hit skips what every store read pays on the stream thread: the metered layer's key serialization, the
 * record cache's sorted map of bytes, RocksDB on a miss, and decoding the value again. Every write still goes to the
 * store (which logs it to the changelog, so exactly-once recovery is the store's as before) and is kept here too.
 *
 * <p>Only correct while nothing else writes the store, and only for one incarnation of a task: a processor makes a
 * new one in {@code init}, which Kafka Streams calls again when a task is restored, revived after a failed
 * transaction, or moved, so a stale value never outlives the store state it was read from. Least recently used keys
 * are dropped beyond {@code capacity}; a dropped key is simply read from the store again.
 */
public final class RecentValues<K, V> {

    private final Map<K, V> values;

    public RecentValues(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.values = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of {@code key}: kept here, or else {@code load}ed (from the store) and kept if not null. */
    public V get(K key, Function<K, V> load) {
        V value = values.get(key);
        if (value == null) {
            value = load.apply(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    /** Records what the processor has just written to the store for {@code key}. */
    public void put(K key, V value) {
        values.put(key, value);
    }

    /** Forgets every key, after the processor deleted them from the store. */
    public void clear() {
        values.clear();
    }

    int size() {
        return values.size();
    }
}
