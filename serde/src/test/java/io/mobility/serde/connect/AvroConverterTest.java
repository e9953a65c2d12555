package io.mobility.serde.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroConverterTest {

    private static final String SCOPE = "converter-test";
    private static final Map<String, String> CONFIG = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://" + SCOPE);

    @AfterEach
    void forgetRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    private static AvroConverter converter() {
        AvroConverter converter = new AvroConverter();
        converter.configure(CONFIG, false);
        return converter;
    }

    private static byte[] producedBySerializer(SpecificRecord record, String topic) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        return serializer.serialize(topic, record);
    }

    @Test
    void aCompletedRideBecomesAStructWithConnectLogicalTypes() {
        RideEvent completed = ExampleEvents.ride(RideEventType.RIDE_COMPLETED);

        SchemaAndValue data = converter().toConnectData("rides", producedBySerializer(completed, "rides"));

        Schema schema = data.schema();
        assertThat(schema.name()).isEqualTo("io.mobility.events.ride.RideEvent");
        assertThat(schema.field("event_time").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(schema.field("driver_id").schema().isOptional()).isTrue();
        assertThat(schema.field("ride_id").schema().isOptional()).isFalse();
        Schema total = schema.field("fare").schema().field("total").schema();
        assertThat(total.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(total.parameters())
                .containsEntry(Decimal.SCALE_FIELD, "2")
                .containsEntry("connect.decimal.precision", "10");
        assertThat(schema.field("event_type").schema().parameters())
                .containsEntry(AvroData.ENUM_NAME, "io.mobility.events.ride.RideEventType");

        Struct struct = (Struct) data.value();
        struct.validate();
        assertThat(struct.getString("event_type")).isEqualTo("RIDE_COMPLETED");
        assertThat(struct.get("event_time")).isEqualTo(Date.from(completed.getEventTime()));
        assertThat(struct.getStruct("fare").get("total")).isEqualTo(new BigDecimal("65.72"));
        assertThat(struct.getStruct("pickup").getFloat64("lat")).isEqualTo(40.6413);
        assertThat(struct.get("cancellation")).isNull();
    }

    @Test
    void everyContractTypeSurvivesConnectAndBack() {
        AvroConverter converter = converter();
        AvroDeserializer<SpecificRecord> reader = new AvroDeserializer<>();
        reader.configure(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        "mem://" + SCOPE,
                        AvroSerdeConfig.SPECIFIC_AVRO_READER,
                        true),
                false);

        for (SpecificRecord record : ExampleEvents.everyType()) {
            String topic = "in-" + record.getSchema().getName();
            SchemaAndValue data = converter.toConnectData(topic, producedBySerializer(record, topic));
            byte[] written =
                    converter.fromConnectData("out-" + record.getSchema().getName(), data.schema(), data.value());
            assertThat(reader.deserialize("out", written))
                    .as(record.getSchema().getName())
                    .isEqualTo(record);
        }
    }

    @Test
    void aSchemaBuiltBySourceConnectorBecomesAvro() {
        Schema schema = SchemaBuilder.struct()
                .name("com.example.Trip")
                .field("id", Schema.STRING_SCHEMA)
                .field("fare", Decimal.builder(2).optional().build())
                .field("at", Timestamp.SCHEMA)
                .field("passengers", Schema.OPTIONAL_INT8_SCHEMA)
                .build();
        Struct trip = new Struct(schema)
                .put("id", "t-1")
                .put("fare", new BigDecimal("12.50"))
                .put("at", new Date(1_547_541_000_000L))
                .put("passengers", (byte) 2);

        AvroConverter converter = converter();
        byte[] bytes = converter.fromConnectData("trips", schema, trip);
        SchemaAndValue back = converter.toConnectData("trips", bytes);

        Struct read = (Struct) back.value();
        assertThat(read.getString("id")).isEqualTo("t-1");
        assertThat(read.get("fare")).isEqualTo(new BigDecimal("12.50"));
        assertThat(read.get("at")).isEqualTo(new Date(1_547_541_000_000L));
        assertThat(read.getInt32("passengers")).isEqualTo(2);
        assertThat(InMemorySchemaRegistry.forScope(SCOPE)
                        .latest("trips-value")
                        .schema()
                        .getFullName())
                .isEqualTo("com.example.Trip");
    }

    @Test
    void undecodableBytesAreADataExceptionForConnectsErrorHandling() {
        assertThatThrownBy(() -> converter().toConnectData("rides", "not avro".getBytes()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("rides")
                .hasMessageContaining("BAD_MAGIC_BYTE");
    }

    @Test
    void schemalessValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> converter().fromConnectData("rides", null, Map.of("a", 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("needs a schema");
    }

    @Test
    void tombstonesStayNull() {
        assertThat(converter().toConnectData("rides", null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(converter().fromConnectData("rides", null, null)).isNull();
    }

    @Test
    void workersFindTheConverterThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(AvroConverter.class);
    }
}
