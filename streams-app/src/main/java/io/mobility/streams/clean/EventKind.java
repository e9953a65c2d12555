package io.mobility.streams.clean;

import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** What the cleaning step needs to know about one kind of raw event (ride events, driver events). */
public interface EventKind<T extends SpecificRecord> {

    /** Short name for metrics and logs, e.g. {@code ride-events}. */
    String name();

    Class<T> type();

    /** Canonical ids, zone ids and money; in place. */
    T standardize(T event);

    Optional<Violation> check(T event, ZoneDirectory zones, long now);

    /** Corrections that keep the event (coordinates outside the zone: nulled and flagged); in place. */
    T conform(T event, ZoneDirectory zones);

    String eventId(T event);

    long eventTimeMs(T event);

    /** The key on the clean topic. */
    String key(T event);
}
