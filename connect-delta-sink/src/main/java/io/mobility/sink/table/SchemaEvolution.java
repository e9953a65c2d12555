package io.mobility.sink.table;

import io.mobility.serde.connect.AvroData;
import java.util.Objects;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Decides whether records of a new schema can go into a table, and what the table's schema becomes. Backward
 * compatible changes evolve the table: a new optional field becomes a nullable column (nested fields too), and a
 * required column whose records may now be null becomes nullable. Everything else is refused with the column's
 * path: a type change, a dropped required field, a new required field.
 */
public final class SchemaEvolution {

    private SchemaEvolution() {}

    /**
     * The table schema after accepting rows of {@code incoming}; {@code table} itself when nothing changes.
     *
     * @param table the current table schema, or null for a table still to be created
     * @param allowNewColumns false to refuse new columns too
     */
    public static Schema merge(Schema table, Schema incoming, boolean allowNewColumns) {
        if (table == null) {
            return incoming;
        }
        return mergeStruct(table, incoming, "", allowNewColumns);
    }

    /** Whether two schemas land as the same column type (names of records, docs and enum symbols do not matter). */
    public static String columnType(Schema schema) {
        String name = schema.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            Object precision =
                    schema.parameters() == null ? null : schema.parameters().get(AvroData.DECIMAL_PRECISION);
            return "decimal(" + (precision == null ? "38" : precision) + ","
                    + schema.parameters().get(Decimal.SCALE_FIELD) + ")";
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return "timestamp";
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return "date";
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return "int32";
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> "int32";
            case INT64 -> "int64";
            case FLOAT32 -> "float32";
            case FLOAT64 -> "float64";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
            case BYTES -> "bytes";
            case ARRAY -> "array<" + columnType(schema.valueSchema()) + ">";
            case MAP -> "map<" + columnType(schema.keySchema()) + "," + columnType(schema.valueSchema()) + ">";
            case STRUCT -> "struct";
        };
    }

    private static Schema mergeStruct(Schema table, Schema incoming, String path, boolean allowNewColumns) {
        boolean changed = false;
        SchemaBuilder merged = SchemaBuilder.struct().name(table.name());
        for (Field column : table.fields()) {
            String columnPath = path + column.name();
            Field field = incoming.field(column.name());
            if (field == null) {
                if (!column.schema().isOptional()) {
                    throw new IncompatibleTableSchemaException(
                            "Column '" + columnPath + "' is required in the table but " + "the record schema "
                                    + nameOf(incoming) + " has no such field (a dropped required field)");
                }
                merged.field(column.name(), column.schema());
                continue;
            }
            Schema mergedColumn = mergeColumn(column.schema(), field.schema(), columnPath, allowNewColumns);
            changed |= mergedColumn != column.schema();
            merged.field(column.name(), mergedColumn);
        }
        for (Field field : incoming.fields()) {
            if (table.field(field.name()) != null) {
                continue;
            }
            String columnPath = path + field.name();
            if (!field.schema().isOptional()) {
                throw new IncompatibleTableSchemaException(
                        "Field '" + columnPath + "' of record schema " + nameOf(incoming)
                                + " is new and required: rows already in the table have no value for it "
                                + "(add it as optional)");
            }
            if (!allowNewColumns) {
                throw new IncompatibleTableSchemaException("Field '" + columnPath + "' of record schema "
                        + nameOf(incoming) + " is not a column of the table and schema evolution is off");
            }
            merged.field(field.name(), field.schema());
            changed = true;
        }
        if (!changed) {
            return table;
        }
        if (table.isOptional()) {
            merged.optional();
        }
        return merged.build();
    }

    private static Schema mergeColumn(Schema column, Schema field, String path, boolean allowNewColumns) {
        String had = columnType(column);
        String got = columnType(field);
        if (!had.equals(got)) {
            throw new IncompatibleTableSchemaException("Column '" + path + "' is " + had + " in the table but " + got
                    + " in the record schema: a type change cannot be written to the same column");
        }
        Schema merged = column;
        if (column.type() == Schema.Type.STRUCT) {
            merged = mergeStruct(column, field, path + ".", allowNewColumns);
        } else if (column.type() == Schema.Type.ARRAY && column.valueSchema().type() == Schema.Type.STRUCT) {
            Schema element = mergeStruct(column.valueSchema(), field.valueSchema(), path + "[].", allowNewColumns);
            if (element != column.valueSchema()) {
                SchemaBuilder array = SchemaBuilder.array(element);
                merged = (column.isOptional() ? array.optional() : array).build();
            }
        }
        if (!merged.isOptional() && field.isOptional()) {
            merged = optional(merged);
        }
        return merged;
    }

    private static Schema optional(Schema schema) {
        SchemaBuilder builder = switch (schema.type()) {
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct().name(schema.name());
                schema.fields().forEach(f -> struct.field(f.name(), f.schema()));
                yield struct;
            }
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            default -> {
                SchemaBuilder plain = new SchemaBuilder(schema.type()).name(schema.name());
                if (schema.parameters() != null) {
                    plain.parameters(schema.parameters());
                }
                yield plain;
            }
        };
        return builder.optional().build();
    }

    private static String nameOf(Schema schema) {
        return Objects.requireNonNullElse(schema.name(), "(unnamed)");
    }
}
