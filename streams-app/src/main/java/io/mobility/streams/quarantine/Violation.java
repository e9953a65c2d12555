package io.mobility.streams.quarantine;

/** A broken rule: its code, and for a person which field and why. */
public record Violation(ReasonCode code, String message) {}
