package io.mobility.streams.ride;

import io.mobility.events.ride.RideEvent;
import io.mobility.streams.clean.EventKind;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.standardize.CoordinateCheck;
import io.mobility.streams.standardize.RideEventStandardizer;
import io.mobility.streams.validation.RideEventRules;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.Optional;

/** Ride events for the cleaning step: keyed by ride_id. */
public final class RideEvents implements EventKind<RideEvent> {

    private final RideEventRules rules;

    public RideEvents(RideEventRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "ride-events";
    }

    @Override
    public Class<RideEvent> type() {
        return RideEvent.class;
    }

    @Override
    public RideEvent standardize(RideEvent event) {
        return RideEventStandardizer.standardize(event);
    }

    @Override
    public Optional<Violation> check(RideEvent event, ZoneDirectory zones, long now) {
        return rules.check(event, zones, now);
    }

    @Override
    public RideEvent conform(RideEvent event, ZoneDirectory zones) {
        return CoordinateCheck.conform(event, zones);
    }

    @Override
    public String eventId(RideEvent event) {
        return event.getEventId();
    }

    @Override
    public long eventTimeMs(RideEvent event) {
        return event.getEventTime().toEpochMilli();
    }

    @Override
    public String key(RideEvent event) {
        return event.getRideId();
    }
}
