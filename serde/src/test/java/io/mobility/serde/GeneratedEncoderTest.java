package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeneratedEncoderTest {

    private static final String SCOPE = "generated-encoder-test";

    @AfterEach
    void forgetRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void everyContractRecordHasOneAndItWritesTheInterpretingWritersBytes() throws IOException {
        for (SpecificRecord record : ExampleEvents.everyType()) {
            SpecificRecordBase specific = (SpecificRecordBase) record;
            CompiledDatumWriter interpreting = new CompiledDatumWriter(record.getSchema(), specific.getSpecificData());
            DatumWriter<Object> generated = GeneratedEncoder.of(record.getClass(), record.getSchema(), interpreting)
                    .orElseThrow(() -> new AssertionError("no encoder for " + record.getClass()));
            assertThat(encode(generated, record))
                    .as(record.getSchema().getName())
                    .isEqualTo(encode(interpreting, record));
        }
    }

    @Test
    void aClassWithoutOneOrAnotherVersionOfTheSchemaGetsNone() {
        Schema evolved = SchemaBuilder.record("RideEvent")
                .namespace("io.mobility.events.ride")
                .fields()
                .requiredString("event_id")
                .optionalString("added_later")
                .endRecord();
        DatumWriter<Object> interpreting = new CompiledDatumWriter(evolved, new RideEvent().getSpecificData());
        assertThat(GeneratedEncoder.of(RideEvent.class, evolved, interpreting)).isEmpty();
        assertThat(GeneratedEncoder.of(String.class, Schema.create(Schema.Type.STRING), interpreting))
                .isEmpty();
    }

    @Test
    void aNullInARequiredFieldIsReportedWithTheFieldsName() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://" + SCOPE), false);
        RideEvent event = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        serializer.serialize("rides", event); // the generated encoder is the serializer's writer from here on
        event.setRiderId(null);
        assertThatThrownBy(() -> serializer.serialize("rides", event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RideEvent.rider_id");
    }

    private static byte[] encode(DatumWriter<Object> writer, Object record) throws IOException {
        ByteArrayEncoder out = new ByteArrayEncoder(256);
        writer.write(record, out);
        return out.toByteArray();
    }
}
