package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class ByteArrayDecoderTest {

    /** Two arrays of strings, a map of string to long, then a marker: in counted blocks, or sized ones. */
    private static byte[] collections(boolean sizedBlocks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A small block size makes the blocking encoder write several blocks, each with its size in bytes.
        BinaryEncoder encoder = sizedBlocks
                ? new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null)
                : EncoderFactory.get().binaryEncoder(out, null);
        for (int array = 0; array < 2; array++) {
            encoder.writeArrayStart();
            encoder.setItemCount(40);
            for (int i = 0; i < 40; i++) {
                encoder.startItem();
                encoder.writeString("item-" + array + "-" + i);
            }
            encoder.writeArrayEnd();
        }
        encoder.writeMapStart();
        encoder.setItemCount(30);
        for (int i = 0; i < 30; i++) {
            encoder.startItem();
            encoder.writeString("key-" + i);
            encoder.writeLong(i * 1_000_003L);
        }
        encoder.writeMapEnd();
        encoder.writeLong(424242L);
        encoder.flush();
        return out.toByteArray();
    }

    /** What a reader skipping the collections is told, item counts it must skip itself, then the marker. */
    private static List<Long> skipAll(Decoder in) throws IOException {
        List<Long> seen = new ArrayList<>();
        for (int array = 0; array < 2; array++) {
            for (long n = in.skipArray(); n != 0; n = in.skipArray()) {
                seen.add(n);
                for (long i = 0; i < n; i++) {
                    in.skipString();
                }
            }
        }
        for (long n = in.skipMap(); n != 0; n = in.skipMap()) {
            seen.add(n);
            for (long i = 0; i < n; i++) {
                in.skipString();
                in.readLong();
            }
        }
        seen.add(in.readLong());
        return seen;
    }

    @Test
    void skipsArraysAndMapsAsAvrosBinaryDecoderDoes() throws IOException {
        for (boolean sized : new boolean[] {false, true}) {
            byte[] bytes = collections(sized);
            BinaryDecoder avro = DecoderFactory.get().binaryDecoder(bytes, null);
            ByteArrayDecoder ours = new ByteArrayDecoder(bytes, 0, bytes.length);

            List<Long> expected = skipAll(avro);
            assertThat(skipAll(ours))
                    .as(sized ? "sized blocks" : "counted blocks")
                    .isEqualTo(expected);
            assertThat(expected).last().isEqualTo(424242L);
            assertThat(ours.isEnd()).isTrue();
            long leftToTheReader = expected.subList(0, expected.size() - 1).stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (sized) {
                assertThat(leftToTheReader)
                        .as("blocks skipped whole by their size")
                        .isLessThan(110);
            } else {
                assertThat(leftToTheReader).isEqualTo(110);
            }
        }
    }
}
