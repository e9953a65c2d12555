package io.mobility.streams.standardize;

import io.mobility.events.ride.Cancellation;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.RideEvent;

/** Puts a decoded ride event into canonical form (ids, zone ids, money, currency) before it is validated. */
public final class RideEventStandardizer {

    private RideEventStandardizer() {}

    /** Standardizes {@code event} in place and returns it. */
    public static RideEvent standardize(RideEvent event) {
        event.setEventId(Canonical.id(event.getEventId()));
        event.setRideId(Canonical.id(event.getRideId()));
        event.setRiderId(Canonical.id(event.getRiderId()));
        event.setDriverId(Canonical.id(event.getDriverId()));
        event.setPickupZoneId(Canonical.zoneId(event.getPickupZoneId()));
        event.setDropoffZoneId(Canonical.zoneId(event.getDropoffZoneId()));
        event.setQuotedFare(Canonical.money(event.getQuotedFare()));
        Fare fare = event.getFare();
        if (fare != null) {
            fare.setBase(Canonical.money(fare.getBase()));
            fare.setDistance(Canonical.money(fare.getDistance()));
            fare.setTime(Canonical.money(fare.getTime()));
            fare.setSurge(Canonical.money(fare.getSurge()));
            fare.setTolls(Canonical.money(fare.getTolls()));
            fare.setTip(Canonical.money(fare.getTip()));
            fare.setTotal(Canonical.money(fare.getTotal()));
            fare.setCurrency(Canonical.currency(fare.getCurrency()));
        }
        Cancellation cancellation = event.getCancellation();
        if (cancellation != null && cancellation.getReason() != null) {
            cancellation.setReason(Canonical.id(cancellation.getReason()));
        }
        return event;
    }
}
