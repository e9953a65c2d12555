package io.mobility.streams.ride;

import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The forward-only phases of a ride, each with its rank and where a state keeps the time it happened. */
enum RidePhase {
    REQUESTED(1, RideStatus.REQUESTED, RideState::getRequestedAt, RideState::setRequestedAt),
    ASSIGNED(2, RideStatus.ASSIGNED, RideState::getAssignedAt, RideState::setAssignedAt),
    ARRIVED(3, RideStatus.ARRIVED, RideState::getArrivedAt, RideState::setArrivedAt),
    STARTED(4, RideStatus.STARTED, RideState::getStartedAt, RideState::setStartedAt),
    COMPLETED(5, RideStatus.COMPLETED, RideState::getCompletedAt, RideState::setCompletedAt),
    CANCELLED(5, RideStatus.CANCELLED, RideState::getCancelledAt, RideState::setCancelledAt);

    final int rank;
    final RideStatus status;
    private final Function<RideState, Instant> time;
    private final BiConsumer<RideState, Instant> setTime;

    RidePhase(int rank, RideStatus status, Function<RideState, Instant> time, BiConsumer<RideState, Instant> setTime) {
        this.rank = rank;
        this.status = status;
        this.time = time;
        this.setTime = setTime;
    }

    static RidePhase of(RideEventType type) {
        return switch (type) {
            case RIDE_REQUESTED -> REQUESTED;
            case DRIVER_ASSIGNED -> ASSIGNED;
            case DRIVER_ARRIVED -> ARRIVED;
            case RIDE_STARTED -> STARTED;
            case RIDE_COMPLETED -> COMPLETED;
            case RIDE_CANCELLED -> CANCELLED;
            case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN ride events are quarantined before the fold");
        };
    }

    static RidePhase of(RideStatus status) {
        return switch (status) {
            case REQUESTED -> REQUESTED;
            case ASSIGNED -> ASSIGNED;
            case ARRIVED -> ARRIVED;
            case STARTED -> STARTED;
            case COMPLETED -> COMPLETED;
            case CANCELLED -> CANCELLED;
            case UNKNOWN -> null;
        };
    }

    boolean isFinal() {
        return rank == 5;
    }

    Instant timeIn(RideState state) {
        return time.apply(state);
    }

    void record(RideState state, Instant at) {
        setTime.accept(state, at);
    }
}
