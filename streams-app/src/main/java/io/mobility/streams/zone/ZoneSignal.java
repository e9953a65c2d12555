package io.mobility.streams.zone;

/**
 * Something that changes a zone's live state, keyed by zone; summed per zone and minute by {@link ZoneSignalBuffer}.
 *
 * @param kind what happened
 * @param timeMs event time it counts at (for REQUEST_CLOSED: the time the request was made)
 * @param surge the request's surge multiplier, NaN when none
 * @param delta +1 or -1 for DRIVER_AVAILABLE; for REQUESTED 1 if the request is still open, else 0
 */
public record ZoneSignal(Kind kind, long timeMs, double surge, int delta) {

    public enum Kind {
        REQUESTED,
        REQUEST_CLOSED,
        COMPLETED,
        CANCELLED,
        DRIVER_AVAILABLE
    }
}
