package io.mobility.streams.zone;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Something that changes a zone's live state, keyed by zone on the way to the zone-state step.
 *
 * @param kind what happened
 * @param timeMs event time it counts at (for REQUEST_CLOSED: the time the request was made)
 * @param surge the request's surge multiplier, NaN when none
 * @param delta +1 or -1 for DRIVER_AVAILABLE; for REQUESTED 1 if the request is still open, else 0
 */
public record ZoneSignal(Kind kind, long timeMs, double surge, int delta) {

    public enum Kind { REQUESTED, REQUEST_CLOSED, COMPLETED, CANCELLED, DRIVER_AVAILABLE }

    private static final int SIZE = 1 + Long.BYTES + Double.BYTES + Integer.BYTES;
    private static final Kind[] KINDS = Kind.values();

    /** Fixed-size binary form for the internal repartition topic. */
    public static Serde<ZoneSignal> serde() {
        Serializer<ZoneSignal> serializer = (topic, s) -> s == null ? null : ByteBuffer.allocate(SIZE)
                .put((byte) s.kind.ordinal()).putLong(s.timeMs).putDouble(s.surge).putInt(s.delta).array();
        Deserializer<ZoneSignal> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE) {
                throw new SerializationException("zone signal on " + topic + " has " + bytes.length
                        + " bytes, expected " + SIZE);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new ZoneSignal(KINDS[b.get()], b.getLong(), b.getDouble(), b.getInt());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
