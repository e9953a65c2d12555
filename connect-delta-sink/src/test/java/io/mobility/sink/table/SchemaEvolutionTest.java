package io.mobility.sink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.serde.connect.AvroData;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private static final Schema MONEY =
            Decimal.builder(2).parameter(AvroData.DECIMAL_PRECISION, "10").build();
    private static final Schema FARE =
            SchemaBuilder.struct().name("Fare").field("total", MONEY).build();
    private static final Schema V1 = SchemaBuilder.struct()
            .name("Ride")
            .field("ride_id", Schema.STRING_SCHEMA)
            .field("event_time", Timestamp.SCHEMA)
            .field(
                    "fare",
                    SchemaBuilder.struct()
                            .name("Fare")
                            .field("total", MONEY)
                            .optional()
                            .build())
            .build();

    @Test
    void aNewTableTakesTheRecordSchema() {
        assertThat(SchemaEvolution.merge(null, V1, true)).isSameAs(V1);
    }

    @Test
    void theSameSchemaChangesNothing() {
        assertThat(SchemaEvolution.merge(V1, V1, true)).isSameAs(V1);
    }

    @Test
    void newOptionalFieldsBecomeNullableColumnsAtTopLevelAndNested() {
        Schema v2 = SchemaBuilder.struct()
                .name("Ride")
                .field("ride_id", Schema.STRING_SCHEMA)
                .field("event_time", Timestamp.SCHEMA)
                .field(
                        "fare",
                        SchemaBuilder.struct()
                                .name("Fare")
                                .field("total", MONEY)
                                .field(
                                        "tip",
                                        Decimal.builder(2)
                                                .parameter(AvroData.DECIMAL_PRECISION, "10")
                                                .optional()
                                                .build())
                                .optional()
                                .build())
                .field("promo", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Schema merged = SchemaEvolution.merge(V1, v2, true);
        assertThat(merged.fields()).extracting(f -> f.name()).containsExactly("ride_id", "event_time", "fare", "promo");
        assertThat(merged.field("promo").schema().isOptional()).isTrue();
        assertThat(merged.field("fare").schema().field("tip").schema().isOptional())
                .isTrue();
        // an older producer without the new fields still fits the evolved table
        assertThat(SchemaEvolution.merge(merged, V1, true)).isSameAs(merged);
    }

    @Test
    void incompatibleChangesAreRefusedNamingTheColumn() {
        Schema retyped = SchemaBuilder.struct()
                .name("Ride")
                .field("ride_id", Schema.INT64_SCHEMA)
                .field("event_time", Timestamp.SCHEMA)
                .build();
        assertThatThrownBy(() -> SchemaEvolution.merge(V1, retyped, true))
                .isInstanceOf(IncompatibleTableSchemaException.class)
                .hasMessageContaining("'ride_id' is string in the table but int64");

        Schema dropped = SchemaBuilder.struct()
                .name("Ride")
                .field("event_time", Timestamp.SCHEMA)
                .build();
        assertThatThrownBy(() -> SchemaEvolution.merge(V1, dropped, true))
                .hasMessageContaining("'ride_id' is required")
                .hasMessageContaining("dropped required field");

        Schema newRequired = SchemaBuilder.struct()
                .name("Ride")
                .field("ride_id", Schema.STRING_SCHEMA)
                .field("event_time", Timestamp.SCHEMA)
                .field("city", Schema.STRING_SCHEMA)
                .build();
        assertThatThrownBy(() -> SchemaEvolution.merge(V1, newRequired, true))
                .hasMessageContaining("'city'")
                .hasMessageContaining("new and required");

        Schema rescaled = SchemaBuilder.struct()
                .name("Ride")
                .field("ride_id", Schema.STRING_SCHEMA)
                .field("event_time", Timestamp.SCHEMA)
                .field(
                        "fare",
                        SchemaBuilder.struct()
                                .field(
                                        "total",
                                        Decimal.builder(3)
                                                .parameter(AvroData.DECIMAL_PRECISION, "10")
                                                .build())
                                .optional()
                                .build())
                .build();
        assertThatThrownBy(() -> SchemaEvolution.merge(V1, rescaled, true))
                .hasMessageContaining("'fare.total' is decimal(10,2) in the table but decimal(10,3)");
    }

    @Test
    void withEvolutionOffANewColumnIsRefused() {
        Schema v2 = SchemaBuilder.struct()
                .name("Ride")
                .field("ride_id", Schema.STRING_SCHEMA)
                .field("event_time", Timestamp.SCHEMA)
                .field("promo", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        assertThatThrownBy(() -> SchemaEvolution.merge(V1, v2, false)).hasMessageContaining("schema evolution is off");
    }

    @Test
    void aRequiredColumnBecomesNullableWhenRecordsMayOmitIt() {
        Schema relaxed = SchemaBuilder.struct()
                .name("Ride")
                .field("ride_id", Schema.OPTIONAL_STRING_SCHEMA)
                .field("event_time", Timestamp.SCHEMA)
                .build();
        Schema merged = SchemaEvolution.merge(V1, relaxed, true);
        assertThat(merged.field("ride_id").schema().isOptional()).isTrue();
        assertThat(merged.field("fare").schema()).isEqualTo(V1.field("fare").schema());
        assertThat(FARE.field("total").schema()).isEqualTo(MONEY);
    }
}
