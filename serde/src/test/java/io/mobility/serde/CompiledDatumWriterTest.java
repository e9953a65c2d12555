package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** The compiled writer must produce exactly Avro's bytes: the wire format does not change with it. */
class CompiledDatumWriterTest {

    @Test
    void everyContractRecordEncodesToTheSameBytesAsAvrosSpecificWriter() throws IOException {
        List<SpecificRecord> records = new java.util.ArrayList<>(ExampleEvents.everyType());
        for (RideEventType type : RideEventType.values()) {
            records.add(ExampleEvents.ride(type));
        }
        RideEvent sparse = RideEvent.newBuilder(ExampleEvents.ride(RideEventType.RIDE_REQUESTED))
                .setPickup(null)
                .setQuotedFare(null)
                .setSurgeMultiplier(null)
                .setQualityFlags(List.of("A", "B"))
                .build();
        records.add(sparse);
        for (SpecificRecord record : records) {
            SpecificRecordBase specific = (SpecificRecordBase) record;
            byte[] expected = encode(new SpecificDatumWriter<>(record.getSchema(), specific.getSpecificData()), record);
            byte[] actual = encode(new CompiledDatumWriter(record.getSchema(), specific.getSpecificData()), record);
            assertThat(actual)
                    .as(record.getSchema().getFullName() + " " + record)
                    .isEqualTo(expected);
        }
    }

    @Test
    void genericRecordsOfEveryTypeEncodeToTheSameBytesAsAvrosGenericWriter() throws IOException {
        GenericData model = LogicalTypes.genericDataWithConversions();
        GenericRecord leaf = EveryAvroType.record(2, new BigDecimal("-12345678901234567890.123"), null);
        leaf.put("money", ByteBuffer.wrap(new byte[] {0x01, 0x02})); // raw values are accepted as well
        leaf.put("at", 1_700_000_000_000_000L);
        leaf.put("day", 19_000);
        GenericRecord root = EveryAvroType.record(-7, new BigDecimal("0.001"), leaf);
        GenericRecord small = EveryAvroType.record(0, null, null);
        for (GenericRecord record : List.of(leaf, root, small)) {
            byte[] expected = encode(new GenericDatumWriter<>(EveryAvroType.SCHEMA, model), record);
            byte[] actual = encode(new CompiledDatumWriter(EveryAvroType.SCHEMA, model), record);
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static final Schema STRINGS = new Schema.Parser().parse("""
            {"type": "record", "name": "Strings", "namespace": "t", "fields": [
              {"name": "s", "type": "string"}, {"name": "o", "type": ["null", "string"]}
            ]}""");

    /** The writer keeps the bytes of the first string instance per field: later strings must still be their own. */
    @Test
    void repeatedDifferentEmptyAndNonAsciiStringsEncodeToAvrosBytesInEveryEncoder() throws IOException {
        String constant = "simulator";
        List<Object> values = List.of(
                constant,
                constant,
                new String("simulator"),
                "seed-42",
                "",
                "zöne ✓",
                new org.apache.avro.util.Utf8("utf8 ✓"),
                new StringBuilder("built"),
                constant,
                "x".repeat(300),
                "é".repeat(200));
        GenericData model = GenericData.get();
        CompiledDatumWriter compiled = new CompiledDatumWriter(STRINGS, model);
        GenericDatumWriter<Object> avro = new GenericDatumWriter<>(STRINGS, model);
        for (int i = 0; i < values.size(); i++) {
            GenericRecord r = new GenericData.Record(STRINGS);
            r.put("s", values.get(i));
            r.put("o", i % 3 == 0 ? null : values.get(values.size() - 1 - i));
            assertThat(encode(compiled, r)).as("value " + i).isEqualTo(encode(avro, r));
            assertThat(encodeDirect(compiled, r)).as("value " + i).isEqualTo(encodeDirect(avro, r));
            assertThat(encodeJson(compiled, r)).as("value " + i).isEqualTo(encodeJson(avro, r));
        }
    }

    @Test
    void aMissingRequiredFieldNamesTheField() {
        RideEvent event = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        event.setRiderId(null);
        assertThatThrownBy(() -> encode(new CompiledDatumWriter(event.getSchema(), event.getSpecificData()), event))
                .isInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("RideEvent.rider_id");
    }

    @Test
    void aValueNoUnionBranchTakesIsRefused() {
        GenericRecord record = EveryAvroType.record(1, null, null);
        record.put("arr", List.of(3.5));
        assertThatThrownBy(() -> encode(
                        new CompiledDatumWriter(EveryAvroType.SCHEMA, LogicalTypes.genericDataWithConversions()),
                        record))
                .hasMessageContaining("3.5");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encodeDirect(DatumWriter writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String encodeJson(DatumWriter writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.apache.avro.io.JsonEncoder encoder = EncoderFactory.get().jsonEncoder(STRINGS, out);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encode(DatumWriter writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
