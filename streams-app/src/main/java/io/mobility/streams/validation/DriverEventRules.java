package io.mobility.streams.validation;

import static io.mobility.streams.validation.FieldChecks.coordinates;
import static io.mobility.streams.validation.FieldChecks.first;
import static io.mobility.streams.validation.FieldChecks.knownEventType;
import static io.mobility.streams.validation.FieldChecks.notInFuture;
import static io.mobility.streams.validation.FieldChecks.present;
import static io.mobility.streams.validation.FieldChecks.zone;

import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.Optional;

/** The rules a standardized driver event must pass to reach the clean topic. */
public final class DriverEventRules {

    private final long maxClockSkewMs;

    public DriverEventRules(long maxClockSkewMs) {
        this.maxClockSkewMs = maxClockSkewMs;
    }

    public Optional<Violation> check(DriverEvent e, ZoneDirectory zones, long now) {
        return first(
                () -> knownEventType(e.getEventType() == DriverEventType.UNKNOWN),
                () -> present(e.getEventId(), "event_id", "every event carries one"),
                () -> present(e.getDriverId(), "driver_id", "every driver event carries one"),
                () -> e.getEventType() == DriverEventType.DRIVER_PING
                        ? present(e.getZoneId(), "zone_id", "DRIVER_PING must carry it")
                        : Optional.empty(),
                () -> coordinates(e.getLocation(), "location"),
                () -> zone(e.getZoneId(), "zone_id", zones),
                () -> notInFuture(e.getEventTime(), now, maxClockSkewMs));
    }
}
