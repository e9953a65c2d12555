package io.mobility.streams.ride;

import io.mobility.events.ride.RideState;

/** One applied fold step: what the ride was, and what it is now. */
public record RideTransition(PreviousRideState before, RideState after) {}
