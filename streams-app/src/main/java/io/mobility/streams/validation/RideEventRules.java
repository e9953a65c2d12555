package io.mobility.streams.validation;

import static io.mobility.streams.validation.FieldChecks.coordinates;
import static io.mobility.streams.validation.FieldChecks.first;
import static io.mobility.streams.validation.FieldChecks.knownEventType;
import static io.mobility.streams.validation.FieldChecks.money;
import static io.mobility.streams.validation.FieldChecks.notInFuture;
import static io.mobility.streams.validation.FieldChecks.present;
import static io.mobility.streams.validation.FieldChecks.zone;

import io.mobility.events.ride.Fare;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.streams.quarantine.ReasonCode;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.Optional;

/**
 * The rules a standardized ride event must pass to reach the clean topic (docs/event-contract.md, "RideEvent"). The
 * first rule broken decides the reason code.
 */
public final class RideEventRules {

    private final long maxClockSkewMs;

    public RideEventRules(long maxClockSkewMs) {
        this.maxClockSkewMs = maxClockSkewMs;
    }

    public Optional<Violation> check(RideEvent e, ZoneDirectory zones, long now) {
        return first(
                () -> knownEventType(e.getEventType() == RideEventType.UNKNOWN),
                () -> requiredFields(e),
                () -> coordinates(e.getPickup(), "pickup"),
                () -> coordinates(e.getDropoff(), "dropoff"),
                () -> money(e.getQuotedFare(), "quoted_fare"),
                () -> fare(e.getFare()),
                () -> distance(e.getDistanceKm()),
                () -> surge(e.getSurgeMultiplier()),
                () -> zone(e.getPickupZoneId(), "pickup_zone_id", zones),
                () -> zone(e.getDropoffZoneId(), "dropoff_zone_id", zones),
                () -> notInFuture(e.getEventTime(), now, maxClockSkewMs));
    }

    private static Optional<Violation> requiredFields(RideEvent e) {
        String type = e.getEventType().name();
        return first(
                () -> present(e.getEventId(), "event_id", "every event carries one"),
                () -> present(e.getRideId(), "ride_id", "every ride event carries one"),
                () -> present(e.getRiderId(), "rider_id", "every ride event carries one"),
                () -> switch (e.getEventType()) {
                    case RIDE_REQUESTED ->
                        first(
                                () -> present(e.getPickupZoneId(), "pickup_zone_id", type + " must carry it"),
                                () -> present(e.getPickup(), "pickup", type + " must carry it"));
                    case DRIVER_ASSIGNED, DRIVER_ARRIVED, RIDE_STARTED ->
                        present(e.getDriverId(), "driver_id", type + " must carry it");
                    case RIDE_COMPLETED ->
                        first(
                                () -> present(e.getDriverId(), "driver_id", type + " must carry it"),
                                () -> present(e.getDropoffZoneId(), "dropoff_zone_id", type + " must carry it"),
                                () -> present(e.getDistanceKm(), "distance_km", type + " must carry it"),
                                () -> present(e.getFare(), "fare", type + " must carry it"));
                    case RIDE_CANCELLED -> present(e.getCancellation(), "cancellation", type + " must carry it");
                    default -> Optional.empty();
                });
    }

    private static Optional<Violation> fare(Fare fare) {
        if (fare == null) {
            return Optional.empty();
        }
        return first(
                () -> money(fare.getBase(), "fare.base"),
                () -> money(fare.getDistance(), "fare.distance"),
                () -> money(fare.getTime(), "fare.time"),
                () -> money(fare.getSurge(), "fare.surge"),
                () -> money(fare.getTolls(), "fare.tolls"),
                () -> money(fare.getTip(), "fare.tip"),
                () -> money(fare.getTotal(), "fare.total"));
    }

    private static Optional<Violation> distance(Double km) {
        return km != null && !(km >= 0 && km < Double.POSITIVE_INFINITY)
                ? Optional.of(new Violation(
                        ReasonCode.INVALID_DISTANCE,
                        "distance_km = " + km + " is not a distance: must be a finite number >= 0"))
                : Optional.empty();
    }

    private static Optional<Violation> surge(Double multiplier) {
        return multiplier != null && !(multiplier > 0 && multiplier < Double.POSITIVE_INFINITY)
                ? Optional.of(new Violation(
                        ReasonCode.INVALID_SURGE, "surge_multiplier = " + multiplier + " must be a finite number > 0"))
                : Optional.empty();
    }
}
