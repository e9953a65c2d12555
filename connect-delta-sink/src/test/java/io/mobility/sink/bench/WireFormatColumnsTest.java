package io.mobility.sink.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.ride.RideEvent;
import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.serde.AvroSerializer;
import io.mobility.sink.testing.Lakehouse;
import io.mobility.sink.testing.RideRecords;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The Spark baseline of the sink benchmark reads the Confluent wire format the project's serializer writes. */
class WireFormatColumnsTest {

    private static final String TOPIC = "mobility.ride-events.raw";
    private static final StructType KAFKA_VALUE = new StructType().add("value", DataTypes.BinaryType);

    @Test
    void wireFormatRideEventsDecodeToTheirFieldsWithContractTypes() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>(new InMemorySchemaRegistry());
        serializer.configure(Map.of("schema.registry.url", "mem://unused"), false);
        List<RideEvent> events = new ArrayList<>();
        List<Row> values = new ArrayList<>();
        for (long n = 0; n < 6; n++) {
            RideEvent event = RideRecords.event(n);
            events.add(event);
            values.add(RowFactory.create((Object) serializer.serialize(TOPIC, event)));
        }
        Dataset<Row> kafkaRows = Lakehouse.spark().createDataFrame(values, KAFKA_VALUE);

        List<Row> decoded = WireFormatColumns.decode(
                        kafkaRows, RideEvent.getClassSchema().toString())
                .orderBy("event_id")
                .collectAsList();

        assertThat(decoded).hasSize(6);
        for (int i = 0; i < decoded.size(); i++) {
            Row row = decoded.get(i);
            RideEvent event = events.get(i);
            assertThat(row.<String>getAs("event_id")).isEqualTo(event.getEventId());
            assertThat(row.<String>getAs("event_type"))
                    .isEqualTo(event.getEventType().name());
            assertThat(row.<Timestamp>getAs("event_time").toInstant()).isEqualTo(event.getEventTime());
            assertThat(row.<java.math.BigDecimal>getAs("quoted_fare")).isEqualByComparingTo(event.getQuotedFare());
            assertThat(row.<Row>getAs("pickup").<Double>getAs("lat"))
                    .isEqualTo(event.getPickup().getLat());
        }
        Row completed = decoded.get(0); // evt-0 completes its ride: it has a fare
        assertThat(completed.<Row>getAs("fare").<java.math.BigDecimal>getAs("total"))
                .isEqualByComparingTo(events.get(0).getFare().getTotal());
        assertThat(decoded.get(1).<Row>getAs("fare")).isNull();
    }

    @Test
    void aValueThatIsNotAvroOfTheSchemaFailsTheQuery() {
        Dataset<Row> kafkaRows = Lakehouse.spark()
                .createDataFrame(
                        List.of(RowFactory.create((Object) new byte[] {0, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF})),
                        KAFKA_VALUE);

        assertThatThrownBy(() -> WireFormatColumns.decode(
                                kafkaRows, RideEvent.getClassSchema().toString())
                        .collectAsList())
                .hasStackTraceContaining("Malformed");
    }
}
