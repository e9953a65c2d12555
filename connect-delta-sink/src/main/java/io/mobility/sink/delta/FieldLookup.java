package io.mobility.sink.delta;

import io.mobility.sink.table.Row;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The fields of a file's columns (or a nested struct's) in the structs being written, by name, so that a record
 * with an older, narrower schema fills the columns it has. Names are resolved once per struct schema: the converter
 * hands out one schema instance per writer schema, so the last one seen is almost always the next one too, and
 * hashing every column name of every row was a visible share of the sink's CPU.
 */
final class FieldLookup {

    private final String[] names;
    private Schema schema;
    private Field[] fields;

    FieldLookup(String[] names) {
        this.names = names.clone();
    }

    /** Each column's value in the struct, null where the struct has no such field; nulls for a null struct. */
    Object[] values(Struct struct) {
        Object[] values = new Object[names.length];
        if (struct == null) {
            return values;
        }
        Field[] resolved = fieldsOf(struct.schema());
        for (int i = 0; i < resolved.length; i++) {
            values[i] = resolved[i] == null ? null : struct.get(resolved[i]);
        }
        return values;
    }

    /** Each column's value in the row: the columns the sink adds first, then the record's own fields. */
    Object[] values(Row row) {
        Object[] values = values(row.value());
        if (!row.added().isEmpty()) {
            for (int i = 0; i < names.length; i++) {
                if (row.added().containsKey(names[i])) {
                    values[i] = row.added().get(names[i]);
                }
            }
        }
        return values;
    }

    private Field[] fieldsOf(Schema structSchema) {
        if (structSchema != schema) {
            Field[] found = new Field[names.length];
            for (int i = 0; i < names.length; i++) {
                found[i] = structSchema.field(names[i]);
            }
            fields = found;
            schema = structSchema;
        }
        return fields;
    }
}
