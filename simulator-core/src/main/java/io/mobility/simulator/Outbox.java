package io.mobility.simulator;

import io.mobility.simulator.sink.Emission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Scheduled emissions released in event-time order, ties in scheduling order: the order a priority queue on (time,
 * sequence) gives, at a fraction of its cost. Emissions go to a bucket per minute of event time; a minute's bucket
 * is sorted once, when it is released, on primitive keys (millisecond within the minute, then position in the
 * bucket, which is the scheduling order). Most emissions (driver events, requests) are due in the minute being played.
 */
final class Outbox {

    private static final long MINUTE = 60_000;

    private final TreeMap<Long, ArrayList<Emission>> buckets = new TreeMap<>();
    private long currentMinute = Long.MIN_VALUE;
    private ArrayList<Emission> current;

    void add(Emission e) {
        long minute = Math.floorDiv(e.eventTimeMillis(), MINUTE);
        if (minute != currentMinute || current == null) {
            current = buckets.computeIfAbsent(minute, m -> new ArrayList<>());
            currentMinute = minute;
        }
        current.add(e);
    }

    /** Releases, in order, every emission due before {@code endMillis}, which must fall on a whole minute. */
    void releaseBefore(long endMillis, Consumer<Emission> out) {
        long endMinute = Math.floorDiv(endMillis, MINUTE);
        while (!buckets.isEmpty() && buckets.firstKey() < endMinute) {
            release(buckets.pollFirstEntry(), out);
        }
    }

    void releaseAll(Consumer<Emission> out) {
        while (!buckets.isEmpty()) {
            release(buckets.pollFirstEntry(), out);
        }
    }

    private void release(Map.Entry<Long, ArrayList<Emission>> bucket, Consumer<Emission> out) {
        ArrayList<Emission> list = bucket.getValue();
        if (list == current) {
            current = null;
        }
        long start = bucket.getKey() * MINUTE;
        long[] keys = new long[list.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (list.get(i).eventTimeMillis() - start) << 32 | i;
        }
        Arrays.sort(keys);
        for (long key : keys) {
            out.accept(list.get((int) key));
        }
    }
}
