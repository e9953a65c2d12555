package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class ByteArrayEncoderTest {

    /** Every kind of value, at its extremes, enough of them to outgrow a small array several times. */
    private static void writeEverything(Encoder out) throws IOException {
        out.writeNull();
        out.writeBoolean(true);
        out.writeBoolean(false);
        for (int n : new int[] {0, 1, -1, 63, -64, 64, 8191, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            out.writeInt(n);
        }
        for (long n : new long[] {0, -1, 1L << 35, Long.MAX_VALUE, Long.MIN_VALUE}) {
            out.writeLong(n);
        }
        out.writeFloat(-0.5f);
        out.writeFloat(Float.NaN);
        out.writeDouble(Math.PI);
        out.writeDouble(Double.NEGATIVE_INFINITY);
        out.writeString("plain");
        out.writeString("Zürich 東京");
        out.writeString(new Utf8("utf8"));
        out.writeString("");
        out.writeBytes(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        out.writeBytes(new byte[300], 0, 300);
        out.writeFixed(new byte[] {9, 8, 7, 6}, 1, 2);
        out.writeEnum(5);
        out.writeIndex(1);
        out.writeArrayStart();
        out.setItemCount(3);
        for (int i = 0; i < 3; i++) {
            out.startItem();
            out.writeLong(i * 1_000_003L);
        }
        out.writeArrayEnd();
        out.writeMapStart();
        out.setItemCount(1);
        out.startItem();
        out.writeString("key");
        out.writeDouble(2.5);
        out.writeMapEnd();
        out.writeArrayStart();
        out.setItemCount(0);
        out.writeArrayEnd();
    }

    private static byte[] avros() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder avro = EncoderFactory.get().binaryEncoder(bytes, null);
        writeEverything(avro);
        avro.flush();
        return bytes.toByteArray();
    }

    @Test
    void writesTheBytesAvrosBinaryEncoderWrites() throws IOException {
        ByteArrayEncoder encoder = new ByteArrayEncoder(8);
        writeEverything(encoder);
        assertThat(encoder.toByteArray()).isEqualTo(avros());
        assertThat(encoder.size()).isEqualTo(avros().length);
    }

    @Test
    void resetStartsTheNextRecordOnTheSameArray() throws IOException {
        ByteArrayEncoder encoder = new ByteArrayEncoder(8);
        encoder.writeString("a first record, longer than the next");
        encoder.reset();
        writeEverything(encoder);
        assertThat(encoder.toByteArray()).isEqualTo(avros());
        encoder.reset();
        assertThat(encoder.toByteArray()).isEmpty();
    }
}
