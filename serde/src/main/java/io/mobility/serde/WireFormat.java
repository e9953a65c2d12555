package io.mobility.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's framing of an Avro payload: one magic byte 0, the schema id as a big-endian int32, then the Avro
 * binary encoding of the datum. Producers using Confluent's serializers in any language write exactly this.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** Writes the header for {@code schemaId} at the start of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /**
     * The schema id of a framed payload.
     *
     * @throws AvroDecodeException when the bytes are too short or do not start with the magic byte
     */
    public static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new AvroDecodeException(
                    AvroDecodeException.Reason.TOO_SHORT,
                    topic,
                    payload.length + " bytes, fewer than the " + HEADER_SIZE + "-byte wire-format header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new AvroDecodeException(
                    AvroDecodeException.Reason.BAD_MAGIC_BYTE,
                    topic,
                    String.format(
                            "first byte is 0x%02x, not the magic byte 0x00 of Confluent's Avro wire format",
                            payload[0] & 0xff));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
