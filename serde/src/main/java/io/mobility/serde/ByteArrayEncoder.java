package io.mobility.serde;

import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;

/**
 * Avro's binary encoding written straight into a growing byte array, for serializers that need the whole record as
 * a {@code byte[]}: Avro's {@code BufferedBinaryEncoder} writes into its own buffer, copies it into an output stream
 * on flush, and the stream copies it again for {@code toByteArray}. The same bytes (Avro's {@code BinaryData} does
 * the encoding); one copy, in {@link #toByteArray()}. Reused by one thread: {@link #reset()} before each record.
 */
final class ByteArrayEncoder extends BinaryEncoder {

    private byte[] buf;
    private int pos;

    ByteArrayEncoder(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Forgets what was written; the array is kept. */
    void reset() {
        pos = 0;
    }

    /** A copy of the bytes written since the last {@link #reset()}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Bytes written since the last {@link #reset()}. */
    int size() {
        return pos;
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    @Override
    public void writeBoolean(boolean b) {
        ensure(1);
        pos += BinaryData.encodeBoolean(b, buf, pos);
    }

    @Override
    public void writeInt(int n) {
        ensure(5);
        pos += BinaryData.encodeInt(n, buf, pos);
    }

    @Override
    public void writeLong(long n) {
        ensure(10);
        pos += BinaryData.encodeLong(n, buf, pos);
    }

    @Override
    public void writeFloat(float f) {
        ensure(4);
        pos += BinaryData.encodeFloat(f, buf, pos);
    }

    @Override
    public void writeDouble(double d) {
        ensure(8);
        pos += BinaryData.encodeDouble(d, buf, pos);
    }

    @Override
    public void writeFixed(byte[] bytes, int start, int len) {
        ensure(len);
        System.arraycopy(bytes, start, buf, pos, len);
        pos += len;
    }

    @Override
    protected void writeZero() {
        ensure(1);
        buf[pos++] = 0;
    }

    /** Nothing is held back: every byte is in the array as soon as it is written. */
    @Override
    public int bytesBuffered() {
        return 0;
    }

    @Override
    public void flush() {}
}
