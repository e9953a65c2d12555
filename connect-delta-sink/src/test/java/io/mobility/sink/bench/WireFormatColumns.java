package io.mobility.sink.bench;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a Spark user reads Confluent wire-format Avro from Kafka without Confluent's libraries: drop the 5-byte header
 * (magic byte 0 and the big-endian schema id) and decode the rest with the writer's schema. Spark's {@code substring}
 * is 1-based, so the Avro body starts at 6. {@code from_avro} fails the query on a malformed record (FAILFAST).
 */
public final class WireFormatColumns {

    private WireFormatColumns() {}

    /** The Avro record's fields as columns, from rows with a binary {@code value} column. */
    public static Dataset<Row> decode(Dataset<Row> kafkaRows, String avroSchemaJson) {
        return kafkaRows
                .select(from_avro(expr("substring(value, 6)"), avroSchemaJson).as("event"))
                .select("event.*");
    }
}
