package io.mobility.streams.ride;

import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import java.time.Instant;

/** The few facts of a ride state that zone signals depend on, kept from before a fold step changes the state. */
public record RideFacts(RideStatus status, String pickupZoneId, Instant requestedAt, Instant completedAt,
                        Instant cancelledAt) {

    public static final RideFacts NONE = new RideFacts(RideStatus.UNKNOWN, null, null, null, null);

    public static RideFacts of(RideState state) {
        return state == null ? NONE : new RideFacts(state.getStatus(), state.getPickupZoneId(),
                state.getRequestedAt(), state.getCompletedAt(), state.getCancelledAt());
    }
}
