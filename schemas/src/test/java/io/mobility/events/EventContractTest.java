package io.mobility.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.driver.DriverEvent;
import io.mobility.events.ride.RideEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The rules of docs/event-contract.md, checked on the schemas themselves so a new schema cannot slip past them. */
class EventContractTest {

    @Test
    void everyEnumHasADefaultSoNewSymbolsDoNotBreakOldReaders() {
        for (Schema enumSchema : namedTypes(Schema.Type.ENUM)) {
            assertThat(enumSchema.getEnumDefault()).as(enumSchema.getFullName()).isEqualTo("UNKNOWN");
        }
        assertThat(namedTypes(Schema.Type.ENUM))
                .extracting(Schema::getName)
                .containsExactlyInAnyOrder(
                        "RideEventType",
                        "VehicleType",
                        "PaymentMethod",
                        "CancelledBy",
                        "DriverEventType",
                        "DriverStatus",
                        "ZoneType",
                        "RideStatus");
    }

    @Test
    void everyEventCarriesItsIdTimeAndProducer() {
        for (Schema event : List.of(RideEvent.getClassSchema(), DriverEvent.getClassSchema())) {
            assertThat(event.getField("event_id").schema().getType()).isEqualTo(Schema.Type.STRING);
            assertThat(event.getField("event_time").schema().getLogicalType())
                    .isEqualTo(LogicalTypes.timestampMillis());
            assertThat(event.getField("producer").schema().getFullName()).isEqualTo("io.mobility.events.Producer");
        }
    }

    @Test
    void moneyIsDecimalWithScaleTwoNeverFloatingPoint() {
        List<String> moneyFields = new ArrayList<>();
        for (Schema record : namedTypes(Schema.Type.RECORD)) {
            for (Schema.Field field : record.getFields()) {
                Schema type = nonNull(field.schema());
                if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    assertThat(decimal.getScale())
                            .as(record.getName() + "." + field.name())
                            .isEqualTo(2);
                    moneyFields.add(record.getName() + "." + field.name());
                }
                if (field.name().contains("fare") || field.name().contains("amount")) {
                    assertThat(type.getType())
                            .as(record.getName() + "." + field.name())
                            .isNotIn(Schema.Type.DOUBLE, Schema.Type.FLOAT);
                }
            }
        }
        assertThat(moneyFields).contains("Fare.total", "Fare.tip", "RideEvent.quoted_fare", "RideState.quoted_fare");
    }

    @Test
    void optionalFieldsDefaultToNullSoAddingThemIsBackwardCompatible() {
        for (Schema record : namedTypes(Schema.Type.RECORD)) {
            for (Schema.Field field : record.getFields()) {
                if (field.schema().getType() == Schema.Type.UNION) {
                    assertThat(field.schema().getTypes().get(0).getType())
                            .as(record.getName() + "." + field.name())
                            .isEqualTo(Schema.Type.NULL);
                    assertThat(field.defaultVal())
                            .as(record.getName() + "." + field.name())
                            .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
                }
            }
        }
    }

    @Test
    void topicsHaveUniqueNamesAndReferenceDataIsCompacted() {
        Set<String> names = new HashSet<>();
        Topics.ALL.forEach(
                topic -> assertThat(names.add(topic.name())).as(topic.name()).isTrue());
        assertThat(Topics.ALL)
                .filteredOn(Topic::compacted)
                .extracting(Topic::name)
                .containsExactlyInAnyOrder(
                        "mobility.zones",
                        "mobility.drivers",
                        "mobility.riders",
                        "mobility.rides",
                        "mobility.zone-state");
        assertThat(Topics.byName("mobility.ride-events.raw")).contains(Topics.RIDE_EVENTS_RAW);
        assertThat(Topics.RIDES.valueSubject()).isEqualTo("mobility.rides-value");
    }

    private static Schema nonNull(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? schema.getTypes().get(1) : schema;
    }

    /** Every named type reachable from the topics' value schemas. */
    private static List<Schema> namedTypes(Schema.Type type) {
        List<Schema> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Topics.ALL.forEach(topic -> collect(topic.valueSchema(), type, found, seen));
        return found;
    }

    private static void collect(Schema schema, Schema.Type type, List<Schema> found, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    if (type == Schema.Type.RECORD) {
                        found.add(schema);
                    }
                    schema.getFields().forEach(f -> collect(f.schema(), type, found, seen));
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && type == Schema.Type.ENUM) {
                    found.add(schema);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collect(t, type, found, seen));
            case ARRAY -> collect(schema.getElementType(), type, found, seen);
            case MAP -> collect(schema.getValueType(), type, found, seen);
            default -> {}
        }
    }
}
