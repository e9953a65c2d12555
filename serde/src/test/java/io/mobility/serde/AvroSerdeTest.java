package io.mobility.serde;

import io.mobility.events.ExampleEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.registry.InMemorySchemaRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
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
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).subjects()).contains("topic-RideEvent-value",
                "topic-ZoneState-value", "topic-QuarantineRecord-value", "topic-RideState-value");
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
        assertThat(serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED))).isNotEmpty();
    }

    @Test
    void recordNameStrategyNamesTheSubjectAfterTheRecord() {
        Map<String, Object> config = config(true);
        config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(config, false);

        serializer.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED));

        assertThat(InMemorySchemaRegistry.forScope(SCOPE).subjects()).containsExactly("io.mobility.events.ride.RideEvent");
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
