package io.mobility.streams.driver;

import io.mobility.events.driver.DriverEvent;
import io.mobility.streams.clean.EventKind;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.standardize.CoordinateCheck;
import io.mobility.streams.standardize.DriverEventStandardizer;
import io.mobility.streams.validation.DriverEventRules;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.Optional;

/** Driver events for the cleaning step: keyed by driver_id. */
public final class DriverEvents implements EventKind<DriverEvent> {

    private final DriverEventRules rules;

    public DriverEvents(DriverEventRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "driver-events";
    }

    @Override
    public Class<DriverEvent> type() {
        return DriverEvent.class;
    }

    @Override
    public DriverEvent standardize(DriverEvent event) {
        return DriverEventStandardizer.standardize(event);
    }

    @Override
    public Optional<Violation> check(DriverEvent event, ZoneDirectory zones, long now) {
        return rules.check(event, zones, now);
    }

    @Override
    public DriverEvent conform(DriverEvent event, ZoneDirectory zones) {
        return CoordinateCheck.conform(event, zones);
    }

    @Override
    public String eventId(DriverEvent event) {
        return event.getEventId();
    }

    @Override
    public long eventTimeMs(DriverEvent event) {
        return event.getEventTime().toEpochMilli();
    }

    @Override
    public String key(DriverEvent event) {
        return event.getDriverId();
    }
}
