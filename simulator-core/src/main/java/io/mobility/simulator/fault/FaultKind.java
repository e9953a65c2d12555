package io.mobility.simulator.fault;

import io.mobility.events.ride.RideEventType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of dirty data the simulator injects into ride events, with their manifest key (and CLI option
 * {@code --<key with dashes>-rate}). Which event types each kind can hit is fixed here; simulator/README.md describes
 * exactly what each one looks like on the wire.
 */
public enum FaultKind {
    /** The same record (same event_id, key and bytes) sent twice in a row. */
    DUPLICATE(true, null),
    /** Sent 5 to 30 minutes (of event time) after its turn. */
    LATE(true, null),
    /** Sent 30 seconds to 3 minutes after its turn, so after events that happened later. */
    OUT_OF_ORDER(true, null),
    /** pickup.lat moved outside [-90, 90]. */
    BAD_COORDINATES(false, null),
    /** RIDE_COMPLETED whose fare components and total are all negated (total &lt; 0). */
    NEGATIVE_FARE(false, Set.of(RideEventType.RIDE_COMPLETED)),
    /** pickup_zone_id set to "999", a zone no city has. */
    UNKNOWN_ZONE(false, null),
    /**
     * A field the step requires left null: RIDE_REQUESTED.pickup_zone_id, DRIVER_ASSIGNED.driver_id,
     * RIDE_COMPLETED.fare.
     */
    MISSING_REQUIRED_FIELD(
            false, Set.of(RideEventType.RIDE_REQUESTED, RideEventType.DRIVER_ASSIGNED, RideEventType.RIDE_COMPLETED)),
    /** event_time set 1 to 7 days after the later of the event time and the wall clock. */
    FUTURE_TIMESTAMP(false, null),
    /** Raw bytes that are not the wire format: the record as JSON text, or random bytes, never starting with 0. */
    UNDECODABLE_BYTES(false, null),
    /** Magic byte 0, a schema id the registry never issued (0x7FFF0000 and up), then the record's Avro binary. */
    UNKNOWN_SCHEMA_ID(false, null);

    private final boolean keepsEventValid;
    /** Null for every type; an EnumSet, as this is asked for every ride event the simulator sends. */
    private final Set<RideEventType> only;

    FaultKind(boolean keepsEventValid, Set<RideEventType> only) {
        this.keepsEventValid = keepsEventValid;
        this.only = only == null ? null : EnumSet.copyOf(only);
    }

    /** Manifest key, e.g. {@code missing_required_field}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Option name, e.g. {@code --missing-required-field-rate}. */
    public String option() {
        return "--" + key().replace('_', '-') + "-rate";
    }

    /** True for kinds whose event is still a valid event (duplicates, late and out-of-order ones). */
    public boolean keepsEventValid() {
        return keepsEventValid;
    }

    /** True for kinds sent as raw bytes that no registry-aware consumer can decode. */
    public boolean undecodable() {
        return this == UNDECODABLE_BYTES || this == UNKNOWN_SCHEMA_ID;
    }

    public boolean appliesTo(RideEventType type) {
        return only == null || only.contains(type);
    }
}
