package io.mobility.sink.table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Derives a row's partition column and the Delta partition values of a row. */
public final class Partitioner {

    private static final Schema OPTIONAL_DATE =
            org.apache.kafka.connect.data.Date.builder().optional().build();

    private final PartitionMode mode;
    private final String field;
    private final String column;

    public Partitioner(PartitionMode mode, String field, String column) {
        this.mode = mode;
        this.field = field;
        this.column = column;
    }

    public List<String> partitionColumns() {
        return mode == PartitionMode.NONE ? List.of() : List.of(column);
    }

    /** Appends the derived date column, if this mode derives one. */
    public void addDerivedColumn(SchemaBuilder row) {
        if (mode == PartitionMode.EVENT_DATE || mode == PartitionMode.INGEST_DATE) {
            row.field(column, OPTIONAL_DATE);
        }
    }

    /** Checks that a record's value schema can be partitioned the configured way. */
    public void checkValueSchema(Schema value, String where) {
        if (mode == PartitionMode.FIELD || mode == PartitionMode.EVENT_DATE) {
            Field f = value.field(field);
            if (f == null) {
                throw new DataException(
                        where + ": partition field '" + field + "' is missing from record schema " + describe(value));
            }
            Schema s = f.schema();
            if (mode == PartitionMode.EVENT_DATE && !Timestamp.LOGICAL_NAME.equals(s.name())) {
                throw new DataException(where + ": partition field '" + field + "' must be a timestamp for mode "
                        + "event-date, but is " + s.type() + (s.name() != null ? " " + s.name() : ""));
            }
            if (mode == PartitionMode.FIELD
                    && (s.type() == Schema.Type.STRUCT
                            || s.type() == Schema.Type.ARRAY
                            || s.type() == Schema.Type.MAP
                            || s.type() == Schema.Type.BYTES
                            || Timestamp.LOGICAL_NAME.equals(s.name()))) {
                throw new DataException(where + ": partition field '" + field + "' is a " + s.type()
                        + (s.name() != null ? " " + s.name() : "") + "; Delta partitions by strings, numbers, "
                        + "booleans and dates");
            }
        }
    }

    /** Puts the derived column's value (if any) into {@code added}. */
    public void putDerivedValue(Struct value, Instant ingestedAt, Map<String, Object> added) {
        switch (mode) {
            case EVENT_DATE -> {
                Date time = (Date) value.get(field);
                added.put(column, time == null ? null : utcDate(time.toInstant()));
            }
            case INGEST_DATE -> added.put(column, utcDate(ingestedAt));
            default -> {}
        }
    }

    /** The Delta partition values (strings as in the log, null for a null value) of a row. */
    public Map<String, String> partitionValues(Row row) {
        if (mode == PartitionMode.NONE) {
            return Collections.emptyMap();
        }
        Object value = row.get(column);
        Map<String, String> values = new HashMap<>(2);
        values.put(column, value == null ? null : format(value));
        return values;
    }

    private static String format(Object value) {
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString();
        }
        return value.toString();
    }

    private static Date utcDate(Instant instant) {
        return new Date(instant.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() * 86_400_000L);
    }

    private static String describe(Schema schema) {
        return schema.name() != null
                ? schema.name()
                : schema.fields().stream().map(Field::name).toList().toString();
    }
}
