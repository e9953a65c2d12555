package io.mobility.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.Topics;
import io.mobility.events.ride.RideEvent;
import io.mobility.platform.LocalPlatform;
import io.mobility.registry.IncompatibleSchemaException;
import io.mobility.registry.RegisteredSchema;
import io.mobility.registry.RestSchemaRegistryClient;
import io.mobility.registry.SchemaRegistryException;
import io.mobility.registry.SubjectNotFoundException;
import io.mobility.registry.UnknownSchemaIdException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our registry client against our in-process registry over real HTTP, stored on a real broker. */
class RegistryClientIT {

    private static LocalPlatform platform;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        registry = platform.registry();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Schema withOptionalField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(
                name,
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                null,
                Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema withLongField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields()
                .forEach(f -> fields.add(
                        f.name().equals(name)
                                ? new Schema.Field(name, Schema.create(Schema.Type.LONG))
                                : new Schema.Field(f, f.schema())));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    @Test
    void registersLooksUpAndEvolvesTheRideEventContract() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        String subject = Topics.RIDE_EVENTS_RAW.valueSubject();

        int v1 = client.register(subject, RideEvent.getClassSchema());
        Schema v2Schema = withOptionalField(RideEvent.getClassSchema(), "promo_code");
        assertThat(client.isCompatible(subject, v2Schema)).isTrue();
        int v2 = client.register(subject, v2Schema);

        RegisteredSchema latest = client.latest(subject);
        assertThat(latest.id()).isEqualTo(v2).isNotEqualTo(v1);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(client.lookup(subject, RideEvent.getClassSchema()))
                .get()
                .extracting(RegisteredSchema::version, RegisteredSchema::id)
                .containsExactly(1, v1);
        assertThat(new RestSchemaRegistryClient(registry.url()).schemaById(v1)).isEqualTo(RideEvent.getClassSchema());
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void anIncompatibleChangeIsRefusedWithConfluentsErrorCode409() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        String subject = "incompatible-test-value";
        client.register(subject, RideEvent.getClassSchema());
        Schema longRideId = withLongField(RideEvent.getClassSchema(), "ride_id");

        assertThat(client.isCompatible(subject, longRideId)).isFalse();
        assertThatThrownBy(() -> client.register(subject, longRideId))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("ride_id")
                .satisfies(e -> {
                    assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409);
                    assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409);
                });
    }

    @Test
    void unknownIdsAndSubjectsGiveSpecificErrors() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("987654");
        assertThatThrownBy(() -> client.latest("no-such-subject"))
                .isInstanceOf(SubjectNotFoundException.class)
                .hasMessageContaining("no-such-subject");
        assertThat(client.lookup("no-such-subject", RideEvent.getClassSchema())).isEmpty();
    }

    @Test
    void aRestartedRegistryServesTheSameIdsFromItsTopic() {
        String topic = "_schemas_restart_test";
        int id;
        try (SchemaRegistryServer first = new SchemaRegistryServer(platform.bootstrapServers(), 0, topic).start()) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(first.url());
            client.register("zones-value", io.mobility.events.zone.Zone.getClassSchema());
            id = client.register("rides-value", RideEvent.getClassSchema());
        }

        try (SchemaRegistryServer second = new SchemaRegistryServer(platform.bootstrapServers(), 0, topic).start()) {
            RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(second.url());
            assertThat(fresh.schemaById(id)).isEqualTo(RideEvent.getClassSchema());
            assertThat(fresh.latest("rides-value").id()).isEqualTo(id);
            assertThat(fresh.register("rides-value", RideEvent.getClassSchema()))
                    .isEqualTo(id);
            int next = fresh.register("drivers-value", io.mobility.events.driver.Driver.getClassSchema());
            assertThat(next).isGreaterThan(id);
        }
    }
}
