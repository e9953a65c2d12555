package io.mobility.streams.quarantine;

import io.mobility.serde.AvroDecodeException;

/**
 * Why a record went to quarantine: one code per rule. The first five come from the serde's decoding; the rest are the
 * streams app's validation rules. docs/event-contract.md lists them for consumers of the quarantine topic.
 */
public enum ReasonCode {
    TOO_SHORT,
    BAD_MAGIC_BYTE,
    UNKNOWN_SCHEMA_ID,
    INCOMPATIBLE_SCHEMA,
    MALFORMED_PAYLOAD,
    /** event_type is UNKNOWN: a symbol this reader does not know, or none at all. */
    UNKNOWN_EVENT_TYPE,
    /** An id or a field its event_type must carry is null or blank. */
    MISSING_FIELD,
    /** Latitude outside [-90, 90], longitude outside [-180, 180], or not a number. */
    INVALID_COORDINATES,
    /** A fare component or the quoted fare is below zero. */
    NEGATIVE_FARE,
    /** A money amount does not fit decimal(10,2). */
    AMOUNT_OUT_OF_RANGE,
    /** distance_km is negative or not a number. */
    INVALID_DISTANCE,
    /** surge_multiplier is not a positive number. */
    INVALID_SURGE,
    /** A zone id that the zones reference table does not hold. */
    UNKNOWN_ZONE,
    /** event_time is further in the future than the allowed clock skew. */
    FUTURE_EVENT_TIME;

    public static ReasonCode of(AvroDecodeException.Reason reason) {
        return switch (reason) {
            case TOO_SHORT -> TOO_SHORT;
            case BAD_MAGIC_BYTE -> BAD_MAGIC_BYTE;
            case UNKNOWN_SCHEMA_ID -> UNKNOWN_SCHEMA_ID;
            case INCOMPATIBLE_SCHEMA -> INCOMPATIBLE_SCHEMA;
            case MALFORMED_PAYLOAD -> MALFORMED_PAYLOAD;
            case REGISTRY_UNAVAILABLE ->
                throw new IllegalArgumentException(
                        "REGISTRY_UNAVAILABLE is an outage, not bad data: it must not be quarantined");
        };
    }
}
