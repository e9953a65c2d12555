package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.registry.RegistryClientSettings;
import io.mobility.registry.RestSchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String SCOPE = "avro-serde-test";

    @AfterEach
    void forgetRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    private static Map<String, Object> config(boolean specific) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://" + SCOPE);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, specific);
        return config;
    }

    @Test
    void everyContractTypeRoundTripsAsSpecificRecord() {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(config(true), false);

        for (SpecificRecord record : ExampleEvents.everyType()) {
            String topic = "topic-" + record.getSchema().getName();
            SpecificRecord back = deserializer.deserialize(topic, serializer.serialize(topic, record));
            assertThat(back).as(record.getSchema().getFullName()).isEqualTo(record);
        }
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).subjects())
                .contains(
                        "topic-RideEvent-value",
                        "topic-ZoneState-value",
                        "topic-QuarantineRecord-value",
                        "topic-RideState-value");
    }

    @Test
    void threadsSerializingAtOnceEachGetTheBytesOfTheirOwnRecords() throws Exception {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        List<SpecificRecord> records = ExampleEvents.everyType();
        Map<SpecificRecord, byte[]> expected = new HashMap<>();
        for (SpecificRecord record : records) {
            expected.put(
                    record, serializer.serialize("topic-" + record.getSchema().getName(), record));
        }

        // Each thread serializes one record type over and over while the others do theirs: a buffer shared by
        // mistake would mix bytes of different records.
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (SpecificRecord record : records) {
                mismatches.add(threads.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 2_000; i++) {
                        byte[] bytes = serializer.serialize(
                                "topic-" + record.getSchema().getName(), record);
                        wrong += Arrays.equals(bytes, expected.get(record)) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (var mismatch : mismatches) {
                assertThat(mismatch.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void genericReaderSeesTheWriterSchemaAndRawLogicalValues() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config(false), false);
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(config(false), false);

        RideEvent completed = ExampleEvents.ride(RideEventType.RIDE_COMPLETED);
        GenericRecord back = deserializer.deserialize("rides", serializer.serialize("rides", completed));

        assertThat(back.getSchema()).isEqualTo(RideEvent.getClassSchema());
        assertThat(back.get("ride_id").toString()).isEqualTo("ride-1");
        assertThat(back.get("event_time")).isEqualTo(completed.getEventTime().toEpochMilli());
        GenericRecord fare = (GenericRecord) back.get("fare");
        ByteBuffer total = (ByteBuffer) fare.get("total");
        assertThat(new BigDecimal(new java.math.BigInteger(toArray(total)), 2)).isEqualByComparingTo("65.72");
    }

    @Test
    void genericRecordsWithConvertedLogicalValuesSerializeToTheSameBytesAsSpecificOnes() {
        Map<String, Object> converting = config(false);
        converting.put(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, true);
        AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>();
        serializer.configure(converting, false);
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(converting, false);
        RideEvent completed = ExampleEvents.ride(RideEventType.RIDE_COMPLETED);
        byte[] specificBytes = serializer.serialize("rides", completed);

        GenericRecord generic = deserializer.deserialize("rides", specificBytes);

        assertThat(generic.get("event_time")).isEqualTo(completed.getEventTime());
        assertThat(((GenericRecord) generic.get("fare")).get("total")).isEqualTo(new BigDecimal("65.72"));
        assertThat(serializer.serialize("rides", generic)).containsExactly(specificBytes);
    }

    @Test
    void nullIsATombstoneBothWays() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        AvroDeserializer<RideEvent> deserializer = new AvroDeserializer<>();
        deserializer.configure(config(true), false);

        assertThat(serializer.serialize("rides", null)).isNull();
        assertThat(deserializer.deserialize("rides", null)).isNull();
    }

    /** The serializer remembers its last routes (topic, class, schema): each topic still registers its subject. */
    @Test
    void theSameRecordsOnManyTopicsAreEachRegisteredUnderTheirTopicsSubject() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(SCOPE);
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        RideEvent event = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        io.mobility.events.geo.GeoPoint point = event.getPickup();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 12; i++) { // more routes than the serializer remembers
                for (String topic : List.of("ride" + i, "point" + i)) {
                    SpecificRecord record = topic.startsWith("ride") ? event : point;
                    byte[] bytes = serializer.serialize(topic, record);
                    assertThat(registry.lookup(topic + "-value", record.getSchema()))
                            .as(topic)
                            .get()
                            .extracting(io.mobility.registry.RegisteredSchema::id)
                            .isEqualTo(WireFormat.schemaId(bytes, topic));
                }
            }
        }
        assertThat(registry.subjects()).hasSize(24);
    }

    @Test
    void unknownSchemaIdIsReportedAsSuch() {
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(config(false), false);
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'a'}; // id 12345, never registered

        assertThatThrownBy(() -> deserializer.deserialize("rides", bytes))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("12345")
                .extracting(e -> ((AvroDecodeException) e).reason())
                .isEqualTo(AvroDecodeException.Reason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void truncatedAndPaddedPayloadsAreMalformed() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        AvroDeserializer<RideEvent> deserializer = new AvroDeserializer<>();
        deserializer.configure(config(true), false);
        byte[] good = serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED));

        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        assertThatThrownBy(() -> deserializer.deserialize("rides", truncated))
                .isInstanceOf(AvroDecodeException.class)
                .extracting(e -> ((AvroDecodeException) e).reason())
                .isEqualTo(AvroDecodeException.Reason.MALFORMED_PAYLOAD);
        byte[] padded = Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> deserializer.deserialize("rides", padded))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageContaining("left over")
                .extracting(e -> ((AvroDecodeException) e).reason())
                .isEqualTo(AvroDecodeException.Reason.MALFORMED_PAYLOAD);
        assertThat(deserializer.deserialize("rides", good)).isEqualTo(ExampleEvents.ride(RideEventType.RIDE_STARTED));
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefused() {
        Map<String, Object> config = config(true);
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config, false);

        assertThatThrownBy(() -> serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 'rides-value'");

        InMemorySchemaRegistry.forScope(SCOPE).register("rides-value", RideEvent.getClassSchema());
        assertThat(serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED)))
                .isNotEmpty();
    }

    @Test
    void recordNameStrategyNamesTheSubjectAfterTheRecord() {
        Map<String, Object> config = config(true);
        config.put(
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config, false);

        serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED));

        assertThat(InMemorySchemaRegistry.forScope(SCOPE).subjects())
                .containsExactly("io.mobility.events.ride.RideEvent");
    }

    @Test
    void theCompiledReaderDecodesWhatAvrosReaderDecodesForSpecificAndGenericConsumers() {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        for (Map<String, Object> consumer : List.of(config(true), config(false), converting())) {
            Map<String, Object> baselineConfig = new HashMap<>(consumer);
            baselineConfig.put(AvroSerdeConfig.COMPILED_READER, false);
            AvroDeserializer<Object> compiled = new AvroDeserializer<>();
            compiled.configure(consumer, false);
            AvroDeserializer<Object> avro = new AvroDeserializer<>();
            avro.configure(baselineConfig, false);
            for (SpecificRecord record : CompiledDatumReaderTest.contractRecords()) {
                String topic = "topic-" + record.getSchema().getName();
                byte[] bytes = serializer.serialize(topic, record);
                int id = WireFormat.schemaId(bytes, topic);

                Object fast = compiled.deserialize(topic, bytes);

                assertThat(compiled.reader(topic, id)).isInstanceOf(CompiledDatumReader.class);
                assertThat(avro.reader(topic, id)).isNotInstanceOf(CompiledDatumReader.class);
                // field by field in CompiledDatumReaderTest; here: the deserializer picks it and gets the same
                assertThat(fast.toString())
                        .isEqualTo(avro.deserialize(topic, bytes).toString());
                if ((boolean) consumer.get(AvroSerdeConfig.SPECIFIC_AVRO_READER)) {
                    assertThat(fast).isEqualTo(record);
                }
            }
        }
    }

    @Test
    void aWriterOnAnotherSchemaVersionIsReadByAvrosResolvingReader() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(SCOPE);
        int v1 = registry.register("rides-value", RideEvent.getClassSchema());
        int v2 = registry.register("rides-value", SchemaEvolutionTest.rideEventV2());
        AvroDeserializer<RideEvent> deserializer = new AvroDeserializer<>(registry, RideEvent.class);

        assertThat(deserializer.reader("rides", v1)).isInstanceOf(CompiledDatumReader.class);
        assertThat(deserializer.reader("rides", v2)).isInstanceOf(SpecificDatumReader.class);
    }

    @Test
    void corruptPayloadsFailAlikeWithAndWithoutTheCompiledReader() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        AvroDeserializer<RideEvent> compiled = new AvroDeserializer<>();
        compiled.configure(config(true), false);
        Map<String, Object> avroOnly = config(true);
        avroOnly.put(AvroSerdeConfig.COMPILED_READER, false);
        AvroDeserializer<RideEvent> avro = new AvroDeserializer<>();
        avro.configure(avroOnly, false);
        byte[] good = serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_COMPLETED));

        byte[] badBranch = good.clone();
        int driverIdUnion = WireFormat.HEADER_SIZE
                + 1
                + "evt-ride_completed".length()
                + 1
                + 6
                + 1
                + "ride-1".length()
                + 1
                + "rider-7".length(); // event_id, event_type, event_time, ride_id, rider_id, then driver_id's union
        assertThat(good[driverIdUnion]).as("branch 1 (string) of driver_id").isEqualTo((byte) 2);
        badBranch[driverIdUnion] = 8; // branch 4 of a 2-branch union
        for (byte[] bad : List.of(Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, 9), badBranch)) {
            AvroDecodeException fromCompiled =
                    catchThrowableOfType(AvroDecodeException.class, () -> compiled.deserialize("rides", bad));
            AvroDecodeException fromAvro =
                    catchThrowableOfType(AvroDecodeException.class, () -> avro.deserialize("rides", bad));
            assertThat(fromCompiled.reason()).isEqualTo(AvroDecodeException.Reason.MALFORMED_PAYLOAD);
            assertThat(fromCompiled).hasMessage(fromAvro.getMessage());
        }
        assertThatThrownBy(() -> compiled.deserialize("rides", badBranch))
                .hasMessageContaining("Avro bytes do not match writer schema id")
                .hasMessageContaining("Index 4 out of bounds for length 2");
    }

    @Test
    void aZeroLengthDecimalIsAMalformedPayload() {
        AvroSerializer<Fare> serializer = new AvroSerializer<>();
        serializer.configure(config(true), false);
        byte[] good = serializer.serialize("fares", ExampleEvents.fare());
        byte[] bad = new byte[good.length - 2];
        System.arraycopy(good, 0, bad, 0, WireFormat.HEADER_SIZE);
        bad[WireFormat.HEADER_SIZE] = 0; // base: zero bytes, then the rest of the record after base's 2+1 bytes
        System.arraycopy(
                good,
                WireFormat.HEADER_SIZE + 3,
                bad,
                WireFormat.HEADER_SIZE + 1,
                good.length - WireFormat.HEADER_SIZE - 3);
        for (boolean compiledReader : new boolean[] {true, false}) {
            Map<String, Object> config = config(true);
            config.put(AvroSerdeConfig.COMPILED_READER, compiledReader);
            AvroDeserializer<Fare> deserializer = new AvroDeserializer<>();
            deserializer.configure(config, false);
            assertThatThrownBy(() -> deserializer.deserialize("fares", bad))
                    .isInstanceOf(AvroDecodeException.class)
                    .hasMessageContaining("Zero length BigInteger")
                    .extracting(e -> ((AvroDecodeException) e).reason())
                    .isEqualTo(AvroDecodeException.Reason.MALFORMED_PAYLOAD);
        }
    }

    @Test
    void aSchemaRegisteredWithoutJavaPropertiesOverHttpStillGetsTheCompiledReader() throws Exception {
        // as a Python or Go producer registers it: the contract's schema without avro.java.string
        String registered = RideEvent.getClassSchema().toString().replace(",\"avro.java.string\":\"String\"", "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/7", exchange -> {
            byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("schema", registered));
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            AvroDeserializer<RideEvent> deserializer = new AvroDeserializer<>(
                    new RestSchemaRegistryClient(
                            "http://127.0.0.1:" + server.getAddress().getPort(), RegistryClientSettings.defaults()),
                    RideEvent.class);
            RideEvent event = ExampleEvents.ride(RideEventType.RIDE_COMPLETED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(RideEvent.class).write(event, encoder);
            encoder.flush();
            byte[] avro = out.toByteArray();
            byte[] framed = new byte[WireFormat.HEADER_SIZE + avro.length];
            WireFormat.writeHeader(framed, 7);
            System.arraycopy(avro, 0, framed, WireFormat.HEADER_SIZE, avro.length);

            assertThat(deserializer.deserialize("rides", framed)).isEqualTo(event);
            assertThat(deserializer.reader("rides", 7)).isInstanceOf(CompiledDatumReader.class);
        } finally {
            server.stop(0);
        }
    }

    private static Map<String, Object> converting() {
        Map<String, Object> config = config(false);
        config.put(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, true);
        return config;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
