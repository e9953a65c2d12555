package io.mobility.sink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class PartitionerTest {

    private static final Schema RIDE = SchemaBuilder.struct()
            .name("Ride")
            .field("zone", Schema.OPTIONAL_STRING_SCHEMA)
            .field("event_time", Timestamp.SCHEMA)
            .build();

    private static Struct ride(String zone, String time) {
        return new Struct(RIDE).put("zone", zone).put("event_time", Date.from(Instant.parse(time)));
    }

    private static Map<String, String> partition(Partitioner partitioner, Struct value, Instant ingestedAt) {
        Map<String, Object> added = new HashMap<>();
        partitioner.putDerivedValue(value, ingestedAt, added);
        return partitioner.partitionValues(new Row(value, added));
    }

    @Test
    void eventDateIsTheUtcDateOfTheTimestampField() {
        Partitioner partitioner = new Partitioner(PartitionMode.EVENT_DATE, "event_time", "event_date");
        assertThat(partition(partitioner, ride("132", "2019-01-15T23:59:59Z"), Instant.parse("2020-01-01T00:00:00Z")))
                .containsExactly(Map.entry("event_date", "2019-01-15"));
    }

    @Test
    void ingestDateIsTheDateTheSinkWroteTheRow() {
        Partitioner partitioner = new Partitioner(PartitionMode.INGEST_DATE, null, "ingest_date");
        assertThat(partition(partitioner, ride("132", "2019-01-15T10:00:00Z"), Instant.parse("2020-02-29T00:00:01Z")))
                .containsExactly(Map.entry("ingest_date", "2020-02-29"));
    }

    @Test
    void fieldModeUsesTheValueAndKeepsNulls() {
        Partitioner partitioner = new Partitioner(PartitionMode.FIELD, "zone", "zone");
        assertThat(partition(partitioner, ride("132", "2019-01-15T10:00:00Z"), Instant.now()))
                .containsExactly(Map.entry("zone", "132"));
        assertThat(partition(partitioner, ride(null, "2019-01-15T10:00:00Z"), Instant.now()))
                .containsKey("zone")
                .containsValue(null);
    }

    @Test
    void aSchemaThatCannotBePartitionedIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new Partitioner(PartitionMode.EVENT_DATE, "zone", "d").checkValueSchema(RIDE, "R@1"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("R@1")
                .hasMessageContaining("'zone' must be a timestamp");
        assertThatThrownBy(() -> new Partitioner(PartitionMode.FIELD, "missing", "m").checkValueSchema(RIDE, "R@2"))
                .hasMessageContaining("'missing' is missing");
    }
}
