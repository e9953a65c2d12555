package io.mobility.streams.validation;

import io.mobility.events.geo.GeoPoint;
import io.mobility.streams.quarantine.ReasonCode;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.zone.ZoneDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Checks shared by the ride and driver rules; each returns the violation it finds, if any. */
final class FieldChecks {

    /** decimal(10,2): at most 8 digits before the point. */
    private static final BigDecimal MONEY_LIMIT = new BigDecimal("100000000");

    private FieldChecks() {}

    static Optional<Violation> present(Object value, String field, String why) {
        return value == null
                ? Optional.of(new Violation(ReasonCode.MISSING_FIELD, field + " is missing: " + why))
                : Optional.empty();
    }

    static Optional<Violation> coordinates(GeoPoint point, String field) {
        if (point == null) {
            return Optional.empty();
        }
        double lat = point.getLat();
        double lon = point.getLon();
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            return Optional.of(new Violation(
                    ReasonCode.INVALID_COORDINATES,
                    field + " (" + lat + ", " + lon + ") is not a position on Earth: lat must be in [-90, 90], "
                            + "lon in [-180, 180]"));
        }
        return Optional.empty();
    }

    static Optional<Violation> money(BigDecimal amount, String field) {
        if (amount == null) {
            return Optional.empty();
        }
        if (amount.signum() < 0) {
            return Optional.of(new Violation(ReasonCode.NEGATIVE_FARE, field + " is negative: " + amount));
        }
        if (amount.compareTo(MONEY_LIMIT) >= 0) {
            return Optional.of(new Violation(
                    ReasonCode.AMOUNT_OUT_OF_RANGE, field + " = " + amount + " does not fit decimal(10,2)"));
        }
        return Optional.empty();
    }

    static Optional<Violation> notInFuture(Instant eventTime, long now, long maxSkewMs) {
        if (eventTime != null && eventTime.toEpochMilli() > now + maxSkewMs) {
            return Optional.of(new Violation(
                    ReasonCode.FUTURE_EVENT_TIME,
                    "event_time " + eventTime + " is more than " + maxSkewMs + " ms after the processing time "
                            + Instant.ofEpochMilli(now)));
        }
        return Optional.empty();
    }

    /** An enum read as UNKNOWN is a symbol newer than this reader: the event cannot be validated. */
    static Optional<Violation> knownEventType(boolean unknown) {
        return unknown
                ? Optional.of(new Violation(
                        ReasonCode.UNKNOWN_EVENT_TYPE, "event_type is UNKNOWN (a symbol this reader does not know)"))
                : Optional.empty();
    }

    static Optional<Violation> zone(String zoneId, String field, ZoneDirectory zones) {
        return zoneId != null && !zones.knows(zoneId)
                ? Optional.of(new Violation(
                        ReasonCode.UNKNOWN_ZONE, field + " '" + zoneId + "' is not in the zones reference table"))
                : Optional.empty();
    }

    @SafeVarargs
    static Optional<Violation> first(java.util.function.Supplier<Optional<Violation>>... checks) {
        for (var check : checks) {
            Optional<Violation> found = check.get();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
