package io.mobility.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * The encoders generated next to the record classes (src/build/EncoderGenerator.java) must write exactly the bytes
 * Avro's SpecificDatumWriter writes: the wire format does not change with them.
 */
class RecordEncodersTest {

    /** Every record of the contract: the value of each topic and the records nested in them. */
    private static final List<Class<?>> RECORDS =
            recordsOf(Topics.ALL.stream().map(Topic::valueSchema).toList());

    private static List<Class<?>> recordsOf(List<Schema> topLevel) {
        Map<String, Schema> found = new java.util.TreeMap<>();
        java.util.ArrayDeque<Schema> todo = new java.util.ArrayDeque<>(topLevel);
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            switch (s.getType()) {
                case RECORD -> {
                    if (found.put(s.getFullName(), s) == null) {
                        s.getFields().forEach(f -> todo.push(f.schema()));
                    }
                }
                case UNION -> todo.addAll(s.getTypes());
                case ARRAY -> todo.push(s.getElementType());
                case MAP -> todo.push(s.getValueType());
                default -> {}
            }
        }
        return found.keySet().stream()
                .<Class<?>>map(name -> {
                    try {
                        return Class.forName(name);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void everyContractRecordHasAnEncoderForItsOwnSchema() throws Exception {
        assertThat(RECORDS).hasSize(13).contains(RideEvent.class, io.mobility.events.geo.GeoPoint.class);
        for (Class<?> type : RECORDS) {
            DatumWriter<Object> encoder = encoderOf(type);
            encoder.setSchema(schemaOf(type)); // its own schema is accepted
            assertThatThrownBy(() -> encoder.setSchema(Schema.create(Schema.Type.STRING)))
                    .as(type.getName())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void theExampleEventsEncodeToAvrosBytes() throws Exception {
        List<SpecificRecord> records = new ArrayList<>(ExampleEvents.everyType());
        for (RideEventType type : RideEventType.values()) {
            records.add(ExampleEvents.ride(type));
        }
        for (SpecificRecord record : records) {
            assertSameBytes((SpecificRecordBase) record);
        }
    }

    /**
     * Records filled field by field from their schemas: optional fields set and null, non-ASCII and empty strings,
     * negative, zero and largest decimals, empty and longer arrays, dates before 1970.
     */
    @Test
    void recordsWithEveryFieldVariedEncodeToAvrosBytes() throws Exception {
        SplittableRandom random = new SplittableRandom(20261127);
        for (Class<?> type : RECORDS) {
            for (int i = 0; i < 300; i++) {
                double nullShare = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 0.5;
                assertSameBytes(fill(type, random, nullShare));
            }
        }
    }

    @Test
    void aNullInARequiredFieldFailsInsteadOfWritingSomething() throws Exception {
        RideEvent event = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        event.setRiderId(null);
        DatumWriter<Object> encoder = encoderOf(RideEvent.class);
        assertThatThrownBy(() -> encode(encoder, event)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void moneyWithMoreDigitsThanTheSchemaAllowsIsRefusedAsAvroRefusesIt() throws Exception {
        io.mobility.events.ride.Fare fare = (io.mobility.events.ride.Fare)
                ExampleEvents.ride(RideEventType.RIDE_COMPLETED).getFare();
        for (BigDecimal amount : List.of(new BigDecimal("123456789.01"), new BigDecimal("12.345"))) {
            fare.setTotal(amount);
            DatumWriter<Object> encoder = encoderOf(fare.getClass());
            assertThatThrownBy(() -> encode(new SpecificDatumWriter<>(fare.getSchema(), fare.getSpecificData()), fare))
                    .isInstanceOf(org.apache.avro.AvroTypeException.class);
            assertThatThrownBy(() -> encode(encoder, fare))
                    .as(amount.toPlainString())
                    .isInstanceOf(org.apache.avro.AvroTypeException.class);
        }
    }

    private static void assertSameBytes(SpecificRecordBase record) throws Exception {
        byte[] expected = encode(new SpecificDatumWriter<>(record.getSchema(), record.getSpecificData()), record);
        byte[] actual = encode(encoderOf(record.getClass()), record);
        assertThat(actual).as(record.getSchema().getName() + " " + record).isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> encoderOf(Class<?> type) throws Exception {
        return (DatumWriter<Object>) Class.forName(type.getName() + "Encoder")
                .getDeclaredConstructor()
                .newInstance();
    }

    private static Schema schemaOf(Class<?> type) throws Exception {
        return (Schema) type.getMethod("getClassSchema").invoke(null);
    }

    private static byte[] encode(DatumWriter<Object> writer, Object record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(record, out);
        out.flush();
        return bytes.toByteArray();
    }

    private static SpecificRecordBase fill(Class<?> type, SplittableRandom random, double nullShare) throws Exception {
        SpecificRecordBase record =
                (SpecificRecordBase) type.getDeclaredConstructor().newInstance();
        for (Schema.Field field : record.getSchema().getFields()) {
            record.put(field.pos(), value(field.schema(), random, nullShare));
        }
        return record;
    }

    private static Object value(Schema s, SplittableRandom random, double nullShare) throws Exception {
        if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
            long limit = (long) Math.pow(10, Math.min(d.getPrecision(), 18)) - 1;
            return switch (random.nextInt(5)) {
                case 0 -> BigDecimal.valueOf(0, d.getScale());
                case 1 -> BigDecimal.valueOf(limit, d.getScale());
                case 2 -> BigDecimal.valueOf(-limit, d.getScale());
                case 3 -> BigDecimal.valueOf(random.nextLong(-limit / 10, limit / 10), d.getScale() - 1); // rescaled
                default -> BigDecimal.valueOf(random.nextLong(-limit, limit), d.getScale());
            };
        }
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
        }
        if (s.getLogicalType() instanceof LogicalTypes.Date) {
            return LocalDate.ofEpochDay(random.nextInt(-40_000, 40_000));
        }
        return switch (s.getType()) {
            case UNION -> {
                Schema value = s.getTypes().stream()
                        .filter(t -> t.getType() != Schema.Type.NULL)
                        .findFirst()
                        .orElseThrow();
                yield random.nextDouble() < nullShare ? null : value(value, random, nullShare);
            }
            case RECORD -> fill(Class.forName(s.getFullName()), random, nullShare);
            case ENUM ->
                Class.forName(s.getFullName())
                        .getEnumConstants()[random.nextInt(s.getEnumSymbols().size())];
            case STRING ->
                List.of("", "D00042", "zöne ✓", "東京", "x".repeat(200), Long.toHexString(random.nextLong()))
                        .get(random.nextInt(6));
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(40)];
                random.nextBytes(bytes);
                yield ByteBuffer.wrap(bytes);
            }
            case INT -> random.nextInt();
            case LONG -> random.nextLong();
            case DOUBLE -> random.nextDouble(-1e6, 1e6);
            case FLOAT -> (float) random.nextDouble();
            case BOOLEAN -> random.nextBoolean();
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(s.getElementType(), random, 0));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new HashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    entries.put("k" + i, value(s.getValueType(), random, 0));
                }
                yield entries;
            }
            default -> throw new IllegalArgumentException("no test values for " + s);
        };
    }
}
