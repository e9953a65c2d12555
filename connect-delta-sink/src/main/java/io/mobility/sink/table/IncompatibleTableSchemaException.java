package io.mobility.sink.table;

import org.apache.kafka.connect.errors.DataException;

/**
 * A record schema that cannot be written to its Delta table without losing or corrupting data (not the registry's
 * incompatible schema, {@code io.mobility.registry.IncompatibleSchemaException}: that is refused by a subject).
 */
public class IncompatibleTableSchemaException extends DataException {

    public IncompatibleTableSchemaException(String message) {
        super(message);
    }
}
