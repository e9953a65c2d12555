package io.mobility.streams.standardize;

import io.mobility.events.driver.DriverEvent;

/** Puts a decoded driver event into canonical form (ids, zone id) before it is validated. */
public final class DriverEventStandardizer {

    private DriverEventStandardizer() {}

    /** Standardizes {@code event} in place and returns it. */
    public static DriverEvent standardize(DriverEvent event) {
        event.setEventId(Canonical.id(event.getEventId()));
        event.setDriverId(Canonical.id(event.getDriverId()));
        event.setZoneId(Canonical.zoneId(event.getZoneId()));
        event.setRideId(Canonical.id(event.getRideId()));
        return event;
    }
}
