package io.mobility.streams.zone;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one task's zone signals added up to since it last sent them on, for one zone: either the counts of one
 * minute of event time ({@code minute >= 0}) or a change in available drivers ({@code minute} = {@link #DRIVERS}).
 * Sums are exact: a ride's and a driver's signals all come from the one task that owns its key, in order, so a
 * closed request or a driver leaving is never summed before the request or the arrival it undoes.
 *
 * @param latestTimeMs the latest event time among the signals summed, for the window end downstream
 */
public record ZoneDelta(long minute, ZoneMinute counts, int drivers, long latestTimeMs) {

    public static final long DRIVERS = -1;
    private static final long MINUTE_MS = 60_000;
    private static final int SIZE = 2 * Long.BYTES + 6 * Integer.BYTES + Double.BYTES;

    /** The empty delta a signal of this kind starts. */
    static ZoneDelta startFor(ZoneSignal signal) {
        return new ZoneDelta(slot(signal), ZoneMinute.EMPTY, 0, Long.MIN_VALUE);
    }

    /** The minute a signal counts in, or {@link #DRIVERS}. */
    static long slot(ZoneSignal signal) {
        return signal.kind() == ZoneSignal.Kind.DRIVER_AVAILABLE ? DRIVERS : Math.floorDiv(signal.timeMs(), MINUTE_MS);
    }

    ZoneDelta plus(ZoneSignal signal) {
        long latest = Math.max(latestTimeMs, signal.timeMs());
        return signal.kind() == ZoneSignal.Kind.DRIVER_AVAILABLE
                ? new ZoneDelta(minute, counts, drivers + signal.delta(), latest)
                : new ZoneDelta(minute, counts.withUnclamped(signal), drivers, latest);
    }

    boolean isDrivers() {
        return minute == DRIVERS;
    }

    /** Fixed-size binary form for the buffer store and the repartition topic. */
    public static Serde<ZoneDelta> serde() {
        Serializer<ZoneDelta> serializer = (topic, d) -> d == null
                ? null
                : ByteBuffer.allocate(SIZE)
                        .putLong(d.minute)
                        .putInt(d.counts.requests())
                        .putInt(d.counts.open())
                        .putInt(d.counts.completed())
                        .putInt(d.counts.cancelled())
                        .putInt(d.counts.surgeCount())
                        .putDouble(d.counts.surgeSum())
                        .putInt(d.drivers)
                        .putLong(d.latestTimeMs)
                        .array();
        Deserializer<ZoneDelta> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE) {
                throw new SerializationException(
                        "zone delta on " + topic + " has " + bytes.length + " bytes, expected " + SIZE);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long minute = b.getLong();
            int requests = b.getInt();
            int open = b.getInt();
            int completed = b.getInt();
            int cancelled = b.getInt();
            int surgeCount = b.getInt();
            double surgeSum = b.getDouble();
            ZoneMinute counts = new ZoneMinute(requests, open, completed, cancelled, surgeSum, surgeCount);
            return new ZoneDelta(minute, counts, b.getInt(), b.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
