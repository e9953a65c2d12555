package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.Cancellation;
import io.mobility.events.ride.CancelledBy;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.zone.Zone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * The compiled reader must give back exactly what Avro's readers give back for the same bytes: equal records whose
 * every field holds an equal value of the same Java class, and the same failures on bad bytes.
 */
class CompiledDatumReaderTest {

    /** Every contract record: all fields set, each ride step, defaults, edge values. */
    static List<SpecificRecord> contractRecords() {
        List<SpecificRecord> records = new ArrayList<>(ExampleEvents.everyType());
        for (RideEventType type : RideEventType.values()) {
            records.add(ExampleEvents.ride(type));
        }
        Fare extremes = Fare.newBuilder(ExampleEvents.fare())
                .setBase(new BigDecimal("-99999999.99"))
                .setDistance(new BigDecimal("99999999.99"))
                .setTime(new BigDecimal("0.00"))
                .setSurge(new BigDecimal("-0.01"))
                .setTolls(new BigDecimal("1.28"))
                .setTip(new BigDecimal("-1.28"))
                .setTotal(new BigDecimal("21474836.48"))
                .setCurrency("")
                .build();
        records.add(RideEvent.newBuilder(ExampleEvents.ride(RideEventType.RIDE_COMPLETED))
                .setEventId("")
                .setRiderId("rïder-ø-東京-🚕")
                .setDriverId("")
                .setFare(extremes)
                .setQuotedFare(new BigDecimal("-42.00"))
                .setSurgeMultiplier(-0.0)
                .setDistanceKm(Double.NaN)
                .setCancellation(new Cancellation(CancelledBy.DRIVER, ""))
                .setQualityFlags(List.of("", "ÆØÅ"))
                .setEventTime(Instant.ofEpochMilli(-1))
                .build());
        // built with the schema's defaults: vehicle_type, payment_method UNKNOWN, currency USD, neighbours []
        records.add(RideEvent.newBuilder()
                .setEventId("e")
                .setEventType(RideEventType.RIDE_REQUESTED)
                .setEventTime(Instant.EPOCH)
                .setRideId("r")
                .setRiderId("p")
                .setProducer(ExampleEvents.PRODUCER)
                .setQualityFlags(List.of())
                .build());
        records.add(Fare.newBuilder(ExampleEvents.fare()).clearCurrency().build());
        records.add(Zone.newBuilder()
                .setZoneId("1")
                .setName("Newark Airport")
                .setBorough("EWR")
                .setUpdatedAt(Instant.ofEpochMilli(Long.MAX_VALUE))
                .build());
        return records;
    }

    /** The same record with every nullable field null. */
    private static SpecificRecord withNullablesNull(SpecificRecord record) {
        SpecificRecord copy = SpecificData.getForSchema(record.getSchema()).deepCopy(record.getSchema(), record);
        for (Schema.Field field : record.getSchema().getFields()) {
            if (field.schema().isNullable()) {
                copy.put(field.pos(), null);
            }
        }
        return copy;
    }

    @Test
    void everyContractRecordDecodesAsAvrosSpecificReaderDecodesIt() throws IOException {
        int compared = 0;
        for (SpecificRecord record : contractRecords()) {
            for (SpecificRecord variant : List.of(record, withNullablesNull(record))) {
                Schema schema = variant.getSchema();
                SpecificData model = ((SpecificRecordBase) variant).getSpecificData();
                byte[] bytes = encode(new SpecificDatumWriter<>(schema, model), variant);

                Object expected = decode(new SpecificDatumReader<>(schema, schema, model), bytes);
                Object actual = decode(CompiledDatumReader.forSchemas(schema, schema, model), bytes);

                assertSameDatum(schema.getName(), actual, expected);
                assertSameDatum(
                        schema.getName() + " from a stream",
                        decodeFromStream(CompiledDatumReader.forSchemas(schema, schema, model), bytes),
                        expected);
                assertThat(actual).isEqualTo(variant);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(2 * 20);
    }

    @Test
    void everyContractRecordDecodesAsAvrosGenericReadersDecodeIt() throws IOException {
        for (SpecificRecord record : contractRecords()) {
            Schema schema = record.getSchema();
            byte[] bytes = encode(new SpecificDatumWriter<>(schema), record);
            // as registered by a generated class (strings as String) and by a producer in another language (Utf8)
            for (Schema readAs : List.of(schema, withoutJavaStringProperty(schema))) {
                for (GenericData model : List.of(GenericData.get(), LogicalTypes.genericDataWithConversions())) {
                    Object expected = decode(new GenericDatumReader<>(readAs, readAs, model), bytes);
                    Object actual = decode(CompiledDatumReader.forSchemas(schema, readAs, model), bytes);
                    assertSameDatum(schema.getName(), actual, expected);
                }
            }
        }
    }

    @Test
    void genericRecordsOfEveryAvroTypeDecodeAsAvrosGenericReaderDecodesThem() throws IOException {
        GenericData converting = LogicalTypes.genericDataWithConversions();
        GenericRecord leaf = EveryAvroType.record(2, new BigDecimal("-12345678901234567890.123"), null);
        GenericRecord root = EveryAvroType.record(-7, new BigDecimal("0.001"), leaf);
        GenericRecord small = EveryAvroType.record(0, null, null);
        for (GenericRecord record : List.of(leaf, root, small)) {
            byte[] bytes = encode(new GenericDatumWriter<>(EveryAvroType.SCHEMA, converting), record);
            for (GenericData model : List.of(GenericData.get(), converting)) {
                Object expected =
                        decode(new GenericDatumReader<>(EveryAvroType.SCHEMA, EveryAvroType.SCHEMA, model), bytes);
                CompiledDatumReader compiled =
                        CompiledDatumReader.forSchemas(EveryAvroType.SCHEMA, EveryAvroType.SCHEMA, model);
                assertSameDatum("Node", decode(compiled, bytes), expected);
                assertSameDatum("Node from a stream", decodeFromStream(compiled, bytes), expected);
            }
        }
    }

    @Test
    void badBytesFailWithTheExceptionsAvrosReaderThrows() throws IOException {
        RideEvent event = ExampleEvents.ride(RideEventType.RIDE_COMPLETED);
        Schema schema = event.getSchema();
        SpecificData model = event.getSpecificData();
        byte[] good = encode(new SpecificDatumWriter<>(schema, model), event);
        List<byte[]> bad = new ArrayList<>();
        for (int length = 0; length < good.length; length++) {
            bad.add(Arrays.copyOf(good, length)); // truncated anywhere
        }
        for (int at = 0; at < good.length; at++) {
            for (byte value : new byte[] {(byte) 0x7f, (byte) 0x81, (byte) 0xff, 0x01, 0x0b}) {
                byte[] corrupt = good.clone(); // union branches, enum ordinals, lengths out of range
                corrupt[at] = value;
                bad.add(corrupt);
            }
            byte[] overlong = good.clone(); // varints of too many bytes, or cut off by the end
            Arrays.fill(overlong, at, Math.min(good.length, at + 11), (byte) 0xff);
            bad.add(overlong);
            bad.add(Arrays.copyOf(overlong, Math.min(good.length, at + 3)));
        }
        bad.add(Arrays.copyOf(good, good.length + 1)); // a byte left over
        int failures = 0;
        CompiledDatumReader compiledReader = CompiledDatumReader.forSchemas(schema, schema, model);
        for (byte[] bytes : bad) {
            Object[] read = new Object[3];
            Throwable avro =
                    catchThrowable(() -> read[0] = decode(new SpecificDatumReader<>(schema, schema, model), bytes));
            Throwable compiled = catchThrowable(() -> read[1] = decode(compiledReader, bytes));
            Throwable compiledFromStream = catchThrowable(() -> read[2] = decodeFromStream(compiledReader, bytes));
            String what = Arrays.toString(bytes);
            if (avro == null) {
                assertThat(compiled).as("a payload Avro reads: " + what).isNull();
                assertThat(compiledFromStream)
                        .as("a payload Avro reads: " + what)
                        .isNull();
                assertSameDatum("corrupt but readable", read[1], read[0]);
                assertSameDatum("corrupt but readable, from a stream", read[2], read[0]);
                continue;
            }
            for (Throwable thrown : new Throwable[] {compiled, compiledFromStream}) {
                assertThat(thrown).as(what).isNotNull();
                assertThat(thrown.getClass()).as(what + ": " + thrown).isEqualTo(avro.getClass());
                assertThat(thrown.getMessage()).as(what).isEqualTo(avro.getMessage());
            }
            failures++;
        }
        assertThat(failures).isGreaterThan(good.length);
    }

    @Test
    void aZeroLengthDecimalFailsAsInAvro() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "M", "fields": [
                  {"name": "v", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}}]}""");
        byte[] bytes = {0}; // length 0: no unscaled value at all
        GenericData model = LogicalTypes.genericDataWithConversions();
        Throwable avro = catchThrowable(() -> decode(new GenericDatumReader<>(schema, schema, model), bytes));
        Throwable compiled = catchThrowable(() -> decode(CompiledDatumReader.forSchemas(schema, schema, model), bytes));
        assertThat(compiled).isInstanceOf(NumberFormatException.class).hasMessage(avro.getMessage());
    }

    @Test
    void schemasThatResolutionWouldChangeAreLeftToAvro() {
        Schema v1 = RideEvent.getClassSchema();
        SpecificData model = SpecificData.getForSchema(v1);
        assertThat(CompiledDatumReader.forSchemas(SchemaEvolutionTest.rideEventV2(), v1, model))
                .isNull();
        assertThat(CompiledDatumReader.forSchemas(v1, SchemaEvolutionTest.rideEventV2(), model))
                .isNull();
        assertThat(CompiledDatumReader.forSchemas(SchemaEvolutionTest.rideEventWithLongRideId(), v1, model))
                .isNull();
        assertThat(CompiledDatumReader.forSchemas(v1, v1, ReflectData.get())).isNull();
        Schema classProperty = new Schema.Parser().parse("""
                {"type": "record", "name": "W", "fields": [
                  {"name": "v", "type": {"type": "string", "java-class": "java.math.BigInteger"}}]}""");
        assertThat(CompiledDatumReader.forSchemas(classProperty, classProperty, GenericData.get()))
                .isNull();
        // docs and the avro.java.string property do not change what the bytes mean
        assertThat(CompiledDatumReader.forSchemas(withoutJavaStringProperty(v1), v1, model))
                .isNotNull();
    }

    /** Field by field: equal values of the same Java class, down through records, arrays and maps. */
    private static void assertSameDatum(String path, Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).as(path).isNull();
            return;
        }
        assertThat(actual).as(path).isNotNull();
        assertThat(actual.getClass()).as(path + " class").isEqualTo(expected.getClass());
        if (expected instanceof IndexedRecord e) {
            IndexedRecord a = (IndexedRecord) actual;
            assertThat(a.getSchema()).as(path + " schema").isEqualTo(e.getSchema());
            for (Schema.Field field : e.getSchema().getFields()) {
                assertSameDatum(path + "." + field.name(), a.get(field.pos()), e.get(field.pos()));
            }
            // no record equals() after this: Avro's own cannot compare converted values in generic records, nor
            // NaNs of different bits in primitive double fields; equal fields of equal classes are the stricter test
            return;
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertThat(a).as(path).hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertSameDatum(path + "[" + i + "]", a.get(i), e.get(i));
            }
        } else if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(a.keySet()).as(path + " keys").isEqualTo(e.keySet());
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Object actualKey = a.keySet().stream()
                        .filter(entry.getKey()::equals)
                        .findFirst()
                        .orElseThrow();
                assertThat(actualKey.getClass())
                        .as(path + " key class")
                        .isEqualTo(entry.getKey().getClass());
                assertSameDatum(path + "[" + entry.getKey() + "]", a.get(entry.getKey()), entry.getValue());
            }
        }
        assertThat(actual).as(path).isEqualTo(expected);
    }

    /** The schema as a producer without generated Java classes registers it. */
    private static Schema withoutJavaStringProperty(Schema schema) {
        return new Schema.Parser().parse(schema.toString().replace(",\"avro.java.string\":\"String\"", ""));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] encode(DatumWriter writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Decodes all of {@code bytes}: Avro's way (BinaryDecoder), or the compiled reader's on the payload itself. */
    private static Object decode(DatumReader<?> reader, byte[] bytes) throws IOException {
        assertThat(reader).as("a reader").isNotNull();
        if (reader instanceof CompiledDatumReader compiled) {
            return compiled.read(bytes, 0, bytes.length);
        }
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
        Object datum = reader.read(null, in);
        if (!in.isEnd()) {
            throw new CompiledDatumReader.TrailingBytesException();
        }
        return datum;
    }

    /** The compiled reader on Avro's BinaryDecoder, as a caller with a stream would use it. */
    private static Object decodeFromStream(CompiledDatumReader reader, byte[] bytes) throws IOException {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, null);
        Object datum = reader.read(null, in);
        if (!in.isEnd()) {
            throw new CompiledDatumReader.TrailingBytesException();
        }
        return datum;
    }
}
