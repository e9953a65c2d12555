package io.mobility.demo.summary;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which quarantine reason each of the simulator's fault kinds must get (docs/event-contract.md, simulator/README.md).
 * Duplicates, late and out-of-order events are valid and never quarantined.
 */
public final class FaultReasons {

    public static final Map<String, String> REASON_BY_FAULT = Map.of(
            "bad_coordinates", "INVALID_COORDINATES",
            "negative_fare", "NEGATIVE_FARE",
            "unknown_zone", "UNKNOWN_ZONE",
            "missing_required_field", "MISSING_FIELD",
            "future_timestamp", "FUTURE_EVENT_TIME",
            "undecodable_bytes", "BAD_MAGIC_BYTE",
            "unknown_schema_id", "UNKNOWN_SCHEMA_ID");

    private FaultReasons() {}

    /** The quarantine a manifest's {@code faults} should produce, by reason code. */
    public static Map<String, Long> expectedQuarantine(Map<String, Long> faults) {
        Map<String, Long> expected = new TreeMap<>();
        faults.forEach((kind, count) -> {
            String reason = REASON_BY_FAULT.get(kind);
            if (reason != null && count > 0) {
                expected.merge(reason, count, Long::sum);
            }
        });
        return expected;
    }
}
