package io.mobility.streams.ride;

/** What folding one event into a ride did. */
public enum FoldOutcome {
    /** The event moved the ride forward or filled in an earlier phase. */
    APPLIED,
    /** The ride already has this phase: another event for the same step (a duplicate under a new event_id). */
    DUPLICATE_PHASE,
    /** The event would move the ride backwards: an earlier phase after a later one happened, or a second ending. */
    REGRESSION
}
