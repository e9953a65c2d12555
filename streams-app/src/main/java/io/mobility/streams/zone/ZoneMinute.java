package io.mobility.streams.zone;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A zone's counts for one minute of event time; windows are sums of consecutive minutes. */
public record ZoneMinute(int requests, int open, int completed, int cancelled, double surgeSum, int surgeCount) {

    public static final ZoneMinute EMPTY = new ZoneMinute(0, 0, 0, 0, 0, 0);
    private static final int SIZE = 5 * Integer.BYTES + Double.BYTES;

    public ZoneMinute with(ZoneSignal signal) {
        return switch (signal.kind()) {
            case REQUESTED ->
                Double.isNaN(signal.surge())
                        ? new ZoneMinute(
                                requests + 1, open + signal.delta(), completed, cancelled, surgeSum, surgeCount)
                        : new ZoneMinute(
                                requests + 1,
                                open + signal.delta(),
                                completed,
                                cancelled,
                                surgeSum + signal.surge(),
                                surgeCount + 1);
            case REQUEST_CLOSED ->
                new ZoneMinute(requests, Math.max(0, open - 1), completed, cancelled, surgeSum, surgeCount);
            case COMPLETED -> new ZoneMinute(requests, open, completed + 1, cancelled, surgeSum, surgeCount);
            case CANCELLED -> new ZoneMinute(requests, open, completed, cancelled + 1, surgeSum, surgeCount);
            case DRIVER_AVAILABLE -> this;
        };
    }

    /**
     * As {@link #with}, but a closed request may take {@code open} below zero: in a delta it undoes a request counted
     * in an earlier delta.
     */
    ZoneMinute withUnclamped(ZoneSignal signal) {
        return signal.kind() == ZoneSignal.Kind.REQUEST_CLOSED
                ? new ZoneMinute(requests, open - 1, completed, cancelled, surgeSum, surgeCount)
                : with(signal);
    }

    /** This minute with a delta's counts added; open requests never below zero. */
    ZoneMinute plusDelta(ZoneMinute delta) {
        return new ZoneMinute(
                requests + delta.requests,
                Math.max(0, open + delta.open),
                completed + delta.completed,
                cancelled + delta.cancelled,
                surgeSum + delta.surgeSum,
                surgeCount + delta.surgeCount);
    }

    public ZoneMinute plus(ZoneMinute o) {
        return new ZoneMinute(
                requests + o.requests,
                open + o.open,
                completed + o.completed,
                cancelled + o.cancelled,
                surgeSum + o.surgeSum,
                surgeCount + o.surgeCount);
    }

    public static Serde<ZoneMinute> serde() {
        Serializer<ZoneMinute> serializer = (topic, m) -> m == null
                ? null
                : ByteBuffer.allocate(SIZE)
                        .putInt(m.requests)
                        .putInt(m.open)
                        .putInt(m.completed)
                        .putInt(m.cancelled)
                        .putInt(m.surgeCount)
                        .putDouble(m.surgeSum)
                        .array();
        Deserializer<ZoneMinute> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE) {
                throw new SerializationException(
                        "zone minute on " + topic + " has " + bytes.length + " bytes, expected " + SIZE);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int requests = b.getInt();
            int open = b.getInt();
            int completed = b.getInt();
            int cancelled = b.getInt();
            int surgeCount = b.getInt();
            return new ZoneMinute(requests, open, completed, cancelled, b.getDouble(), surgeCount);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
