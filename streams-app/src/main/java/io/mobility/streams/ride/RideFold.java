package io.mobility.streams.ride;

import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import io.mobility.events.ride.VehicleType;
import io.mobility.events.zone.Zone;
import io.mobility.streams.driver.DriverDirectory;
import io.mobility.streams.zone.ZoneDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a ride's events into its state with a forward-only state machine: REQUESTED, ASSIGNED, ARRIVED, STARTED,
 * then COMPLETED or CANCELLED. Late events fill in earlier phases without moving the status back; a phase seen twice,
 * a second ending, or an earlier phase stamped after the current one are ignored.
 */
public final class RideFold {

    private final ZoneDirectory zones;
    private final DriverDirectory drivers;

    public RideFold(ZoneDirectory zones, DriverDirectory drivers) {
        this.zones = zones;
        this.drivers = drivers;
    }

    /** The outcome of applying {@code event} to {@code state}, which is updated in place when APPLIED. */
    public FoldOutcome apply(RideState state, RideEvent event, long now) {
        RidePhase phase = RidePhase.of(event.getEventType());
        Instant at = event.getEventTime();
        if (phase.timeIn(state) != null) {
            return FoldOutcome.DUPLICATE_PHASE;
        }
        RidePhase current = RidePhase.of(state.getStatus());
        if (current != null) {
            if (phase.isFinal() && current.isFinal()) {
                return FoldOutcome.REGRESSION;
            }
            Instant currentAt = current.timeIn(state);
            if (phase.rank < current.rank && currentAt != null && at.isAfter(currentAt)) {
                return FoldOutcome.REGRESSION;
            }
        }
        phase.record(state, at);
        if (current == null || phase.rank > current.rank) {
            state.setStatus(phase.status);
        }
        fill(state, event);
        derive(state);
        state.setEventsApplied(state.getEventsApplied() + 1);
        state.setLastEventId(event.getEventId());
        if (at.isAfter(state.getLastEventTime())) {
            state.setLastEventTime(at);
        }
        state.setUpdatedAt(Instant.ofEpochMilli(now));
        return FoldOutcome.APPLIED;
    }

    /** The state of a ride before any of its events: every phase empty. */
    public static RideState empty(RideEvent first) {
        return RideState.newBuilder()
                .setRideId(first.getRideId())
                .setRiderId(first.getRiderId())
                .setStatus(RideStatus.UNKNOWN)
                .setEventsApplied(0)
                .setLastEventId(first.getEventId())
                .setLastEventTime(first.getEventTime())
                .setUpdatedAt(first.getEventTime())
                .build();
    }

    private void fill(RideState s, RideEvent e) {
        if (e.getDriverId() != null) {
            s.setDriverId(e.getDriverId());
        }
        if (e.getPickupZoneId() != null) {
            s.setPickupZoneId(e.getPickupZoneId());
            zones.find(e.getPickupZoneId()).ifPresent(z -> {
                s.setPickupZoneName(z.getName());
                s.setPickupBorough(z.getBorough());
            });
        }
        if (e.getPickup() != null) {
            s.setPickup(e.getPickup());
        }
        if (e.getDropoffZoneId() != null) {
            s.setDropoffZoneId(e.getDropoffZoneId());
            Zone zone = zones.find(e.getDropoffZoneId()).orElse(null);
            if (zone != null) {
                s.setDropoffZoneName(zone.getName());
                s.setDropoffBorough(zone.getBorough());
            }
        }
        if (e.getDropoff() != null) {
            s.setDropoff(e.getDropoff());
        }
        VehicleType driversVehicle = drivers.vehicleType(s.getDriverId());
        if (driversVehicle != VehicleType.UNKNOWN) {
            s.setVehicleType(driversVehicle);
        } else if (e.getVehicleType() != VehicleType.UNKNOWN) {
            s.setVehicleType(e.getVehicleType());
        }
        if (e.getQuotedFare() != null) {
            s.setQuotedFare(e.getQuotedFare());
        }
        if (e.getSurgeMultiplier() != null) {
            s.setSurgeMultiplier(e.getSurgeMultiplier());
        }
        if (e.getDistanceKm() != null) {
            s.setDistanceKm(e.getDistanceKm());
        }
        if (e.getFare() != null) {
            s.setFare(e.getFare());
        }
        if (e.getPaymentMethod() != io.mobility.events.ride.PaymentMethod.UNKNOWN) {
            s.setPaymentMethod(e.getPaymentMethod());
        }
        if (e.getCancellation() != null) {
            s.setCancellation(e.getCancellation());
        }
        if (e.getQualityFlags() != null && !e.getQualityFlags().isEmpty()) {
            List<String> flags = new ArrayList<>(s.getQualityFlags() == null ? List.of() : s.getQualityFlags());
            e.getQualityFlags().stream().filter(f -> !flags.contains(f)).forEach(flags::add);
            s.setQualityFlags(flags);
        }
    }

    private static void derive(RideState s) {
        Instant pickedUp = s.getArrivedAt() != null ? s.getArrivedAt() : s.getStartedAt();
        s.setWaitSeconds(seconds(s.getRequestedAt(), pickedUp));
        s.setTripSeconds(seconds(s.getStartedAt(), s.getCompletedAt()));
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }
}
