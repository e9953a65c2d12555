package io.mobility.sink.table;

import org.apache.kafka.connect.errors.DataException;

/** A record schema that cannot be written to its table without losing or corrupting data. */
public class IncompatibleSchemaException extends DataException {

    public IncompatibleSchemaException(String message) {
        super(message);
    }
}
