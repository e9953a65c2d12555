package io.mobility.sink.audit;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The bronze audit columns: where in Kafka a row came from and when the sink landed it, so a row can be traced back
 * to its record and replays can be told apart from new data.
 */
public final class AuditColumns {

    public static final String TOPIC = "_kafka_topic";
    public static final String PARTITION = "_kafka_partition";
    public static final String OFFSET = "_kafka_offset";
    public static final String TIMESTAMP = "_kafka_timestamp";
    public static final String INGESTED_AT = "_ingested_at";

    private static final Schema OPTIONAL_TIMESTAMP =
            Timestamp.builder().optional().build();

    private AuditColumns() {}

    /** Appends the audit columns to a row schema under construction. */
    public static void addTo(SchemaBuilder row) {
        row.field(TOPIC, Schema.STRING_SCHEMA);
        row.field(PARTITION, Schema.INT32_SCHEMA);
        row.field(OFFSET, Schema.INT64_SCHEMA);
        row.field(TIMESTAMP, OPTIONAL_TIMESTAMP);
        row.field(INGESTED_AT, Timestamp.SCHEMA);
    }

    /** The audit values of one record; the Kafka timestamp is null when the producer set none. */
    public static void putValues(SinkRecord record, Instant ingestedAt, Map<String, Object> into) {
        into.put(TOPIC, record.topic());
        into.put(PARTITION, record.kafkaPartition());
        into.put(OFFSET, record.kafkaOffset());
        into.put(TIMESTAMP, record.timestamp() == null || record.timestamp() < 0 ? null : new Date(record.timestamp()));
        into.put(INGESTED_AT, Date.from(ingestedAt));
    }
}
