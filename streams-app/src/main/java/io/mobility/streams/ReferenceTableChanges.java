package io.mobility.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A change counter per reference table (global store), bumped by the global thread on every update, so that stream
 * threads may keep decoded reference rows in memory and drop them as soon as the table changes. Looking a zone up
 * in the global store costs a RocksDB read and an Avro decode, several times per event; the tables change rarely.
 * The counters are per JVM: several apps in one JVM only clear each other's caches more often.
 */
public final class ReferenceTableChanges {

    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private ReferenceTableChanges() {}

    static void changed(String storeName) {
        counter(storeName).incrementAndGet();
    }

    /** The current count of changes to the table in {@code storeName}; a cache is valid while it stays the same. */
    public static LongSupplier of(String storeName) {
        AtomicLong counter = counter(storeName);
        return counter::get;
    }

    private static AtomicLong counter(String storeName) {
        return COUNTERS.computeIfAbsent(storeName, name -> new AtomicLong());
    }
}
