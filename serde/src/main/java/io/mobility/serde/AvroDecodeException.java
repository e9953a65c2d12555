package io.mobility.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value could not be turned back into an Avro record. The {@link Reason} lets a pipeline route each kind to its
 * own quarantine code, and tell bad data (quarantine it) from a registry outage (retry, do not quarantine).
 */
public class AvroDecodeException extends SerializationException {

    /** Why decoding failed. */
    public enum Reason {
        /** Fewer bytes than the wire-format header. */
        TOO_SHORT,
        /** Does not start with the magic byte: not Confluent Avro at all. */
        BAD_MAGIC_BYTE,
        /** The schema id in the header is not known to the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The writer's schema cannot be read as the reader's schema. */
        INCOMPATIBLE_SCHEMA,
        /** The Avro bytes do not match the writer's schema (truncated, corrupted). */
        MALFORMED_PAYLOAD,
        /** The registry could not be asked; the record itself may be fine. */
        REGISTRY_UNAVAILABLE;

        public boolean isDataProblem() {
            return this != REGISTRY_UNAVAILABLE;
        }
    }

    private final Reason reason;

    public AvroDecodeException(Reason reason, String topic, String detail) {
        this(reason, topic, detail, null);
    }

    public AvroDecodeException(Reason reason, String topic, String detail, Throwable cause) {
        super("Cannot decode Avro record from topic '" + topic + "' (" + reason + "): " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
