package io.mobility.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.registry.IncompatibleSchemaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;

/** A v2 of the ride event, as a newer producer would send it, against readers on v1 (the generated class). */
class SchemaEvolutionTest {

    /** v1 plus an optional field: the BACKWARD-compatible way to evolve. */
    static Schema rideEventV2() {
        List<Schema.Field> fields = copyFields(RideEvent.getClassSchema());
        fields.add(new Schema.Field(
                "promo_code",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                null,
                Schema.Field.NULL_DEFAULT_VALUE));
        return withFields(fields);
    }

    /** v1 with ride_id turned into a long: no reader can bridge that. */
    static Schema rideEventWithLongRideId() {
        List<Schema.Field> fields = copyFields(RideEvent.getClassSchema());
        fields.replaceAll(
                f -> f.name().equals("ride_id") ? new Schema.Field("ride_id", Schema.create(Schema.Type.LONG)) : f);
        return withFields(fields);
    }

    private static List<Schema.Field> copyFields(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return fields;
    }

    private static Schema withFields(List<Schema.Field> fields) {
        Schema v1 = RideEvent.getClassSchema();
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mem://evolution");

    @Test
    void v1ReadersReadV2DataAndIgnoreTheNewField() {
        RideEvent v1Event = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        GenericRecord v2Event = asV2(v1Event, "SPRING25");
        AvroSerializer<IndexedRecord> producerOnV2 = new AvroSerializer<>(registry);
        producerOnV2.configure(config, false);
        registry.register("rides-value", RideEvent.getClassSchema());

        byte[] bytes = producerOnV2.serialize("rides", v2Event);

        AvroDeserializer<RideEvent> consumerOnV1 = new AvroDeserializer<>(registry, RideEvent.class);
        assertThat(consumerOnV1.deserialize("rides", bytes)).isEqualTo(v1Event);
        assertThat(registry.latest("rides-value").version()).isEqualTo(2);
    }

    @Test
    void v2ReadersReadV1DataWithTheFieldsDefault() {
        AvroSerializer<RideEvent> producerOnV1 = new AvroSerializer<>(registry);
        producerOnV1.configure(config, false);
        byte[] bytes = producerOnV1.serialize("rides", ExampleEvents.ride(RideEventType.RIDE_STARTED));

        AvroDeserializer<GenericRecord> consumerOnV2 = new AvroDeserializer<>(registry, rideEventV2());
        GenericRecord read = consumerOnV2.deserialize("rides", bytes);

        assertThat(read.getSchema().getField("promo_code")).isNotNull();
        assertThat(read.get("promo_code")).isNull();
        assertThat(read.get("ride_id").toString()).isEqualTo("ride-1");
    }

    @Test
    void anIncompatibleChangeIsRefusedByTheRegistryUnderBackwardCompatibility() {
        registry.register("rides-value", RideEvent.getClassSchema());

        assertThat(registry.isCompatible("rides-value", rideEventV2())).isTrue();
        assertThat(registry.isCompatible("rides-value", rideEventWithLongRideId()))
                .isFalse();
        assertThatThrownBy(() -> registry.register("rides-value", rideEventWithLongRideId()))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("ride_id");
    }

    private static GenericRecord asV2(RideEvent event, String promo) {
        Schema v2 = rideEventV2();
        GenericData.Record record = new GenericData.Record(v2);
        for (Schema.Field field : RideEvent.getClassSchema().getFields()) {
            record.put(field.name(), event.get(field.pos()));
        }
        record.put("promo_code", promo);
        return record;
    }
}
