package io.mobility.serde;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidNumberEncodingException;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one payload already in memory, for {@link CompiledDatumReader}. Avro's
 * {@code BinaryDecoder} is built for streams: set up per payload it allocates a byte source and a buffer accessor, and
 * it reads strings into a scratch {@code Utf8} before copying them into a {@code String}. Here strings are decoded
 * straight from the payload and decimals of up to 8 bytes never leave it. Values, limits and failures (exception
 * class and message, for truncated or corrupt bytes) are {@code BinaryDecoder}'s: bytes past the end read as zeros
 * and then fail with {@link EOFException}, as its padded buffer does. One payload, one thread.
 */
final class ByteArrayDecoder extends Decoder {

    private final byte[] buf;
    private final int limit;
    private int pos;
    private long collectionCount;

    ByteArrayDecoder(byte[] payload, int offset, int length) {
        this.buf = payload;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Whether every byte has been read: anything left over means the payload is not one record. */
    boolean isEnd() {
        return pos >= limit;
    }

    private int at(int index) {
        return index < limit ? buf[index] : 0;
    }

    private void requireAvailable() throws EOFException {
        if (pos >= limit) {
            throw new EOFException();
        }
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        requireAvailable();
        return (buf[pos++] & 0xff) == 1;
    }

    @Override
    public int readInt() throws IOException {
        requireAvailable();
        int b = buf[pos++] & 0xff;
        int n = b & 0x7f;
        int shift = 7;
        while (b > 0x7f) {
            if (shift > 28) {
                throw new InvalidNumberEncodingException("Invalid int encoding");
            }
            b = at(pos++) & 0xff;
            n ^= (b & 0x7f) << shift;
            shift += 7;
        }
        if (pos > limit) {
            throw new EOFException();
        }
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public long readLong() throws IOException {
        requireAvailable();
        int b = buf[pos++] & 0xff;
        long n = b & 0x7f;
        int shift = 7;
        while (b > 0x7f) {
            if (shift > 63) {
                throw new InvalidNumberEncodingException("Invalid long encoding");
            }
            b = at(pos++) & 0xff;
            n ^= (b & 0x7fL) << shift;
            shift += 7;
        }
        if (pos > limit) {
            throw new EOFException();
        }
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat((int) littleEndian(4));
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(littleEndian(8));
    }

    private long littleEndian(int size) throws IOException {
        requireAvailable();
        if (pos + size > limit) {
            throw new EOFException();
        }
        long bits = 0;
        for (int i = size - 1; i >= 0; i--) {
            bits = (bits << 8) | (buf[pos + i] & 0xffL);
        }
        pos += size;
        return bits;
    }

    /** The next {@code length} bytes exist: {@code BinaryDecoder} fails the same way after a partial copy. */
    private int take(int length) throws EOFException {
        if (length > limit - pos) {
            throw new EOFException();
        }
        int start = pos;
        pos += length;
        return start;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = SystemLimitException.checkMaxStringLength(readLong());
        int start = take(length);
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, start, result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = SystemLimitException.checkMaxStringLength(readLong());
        return length == 0 ? "" : new String(buf, take(length), length, StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        skipBytes();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = SystemLimitException.checkMaxBytesLength(readLong());
        int start = take(length);
        ByteBuffer result;
        if (old != null && length <= old.capacity()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        System.arraycopy(buf, start, result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    /**
     * A bytes-encoded decimal: the big-endian two's-complement unscaled value with the schema's scale, as Avro's
     * {@code DecimalConversion} reads it; up to 8 bytes fit a long and need no copy nor {@code BigInteger}.
     */
    BigDecimal readDecimal(int scale) throws IOException {
        int length = SystemLimitException.checkMaxBytesLength(readLong());
        int start = take(length);
        if (length == 0 || length > 8) {
            byte[] bytes = java.util.Arrays.copyOfRange(buf, start, start + length);
            return new BigDecimal(new BigInteger(bytes), scale); // zero length fails as it does in Avro
        }
        long unscaled = buf[start]; // sign-extended
        for (int i = start + 1; i < start + length; i++) {
            unscaled = (unscaled << 8) | (buf[i] & 0xff);
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    @Override
    public void skipBytes() throws IOException {
        long length = readLong();
        if (length > 0) {
            take((int) Math.min(length, Integer.MAX_VALUE));
        }
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        if (length < 0) {
            throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
        }
        System.arraycopy(buf, take(length), bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        if (length > 0) {
            take(length);
        }
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** A block's item count; a negative count is followed by the block's size in bytes, which is not needed. */
    private long readItemCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        return count;
    }

    @Override
    public long readArrayStart() throws IOException {
        collectionCount = SystemLimitException.checkMaxCollectionLength(readItemCount());
        return collectionCount;
    }

    @Override
    public long arrayNext() throws IOException {
        long length = readItemCount();
        collectionCount = SystemLimitException.checkMaxCollectionLength(collectionCount, length);
        return length;
    }

    @Override
    public long readMapStart() throws IOException {
        return readArrayStart();
    }

    @Override
    public long mapNext() throws IOException {
        return arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return skipItems();
    }

    @Override
    public long skipMap() throws IOException {
        return skipItems();
    }

    /**
     * As BinaryDecoder: blocks written with their size in bytes (a negative count) are skipped whole; the count of the
     * first block without a size is returned, for the caller to skip item by item (0 at the end).
     */
    private long skipItems() throws IOException {
        long count = readLong();
        while (count < 0) {
            long size = readLong();
            if (size > 0) {
                take((int) Math.min(size, Integer.MAX_VALUE));
            }
            count = readLong();
        }
        return count;
    }
}
