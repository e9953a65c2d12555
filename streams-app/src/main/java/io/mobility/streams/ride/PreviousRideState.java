package io.mobility.streams.ride;

import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import java.time.Instant;

/** A ride's state before a fold step changes it: the few fields zone signals depend on. */
public record PreviousRideState(
        RideStatus status, String pickupZoneId, Instant requestedAt, Instant completedAt, Instant cancelledAt) {

    public static final PreviousRideState NONE = new PreviousRideState(RideStatus.UNKNOWN, null, null, null, null);

    public static PreviousRideState of(RideState state) {
        return state == null
                ? NONE
                : new PreviousRideState(
                        state.getStatus(),
                        state.getPickupZoneId(),
                        state.getRequestedAt(),
                        state.getCompletedAt(),
                        state.getCancelledAt());
    }
}
