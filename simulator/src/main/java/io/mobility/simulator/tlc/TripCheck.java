package io.mobility.simulator.tlc;

import io.mobility.simulator.city.ZoneLookup;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why a readable TLC trip is not a valid ride, the first reason that applies in this order: a zone that is not a
 * known TLC zone (264 and 265 are the TLC's "unknown" placeholders), a dropoff before the pickup, or an impossible
 * amount (any money column negative, or a total above {@link #MAX_TOTAL}).
 */
public final class TripCheck {

    /** No metered NYC taxi trip costs this much; the TLC files' few larger totals are meter or entry errors. */
    public static final BigDecimal MAX_TOTAL = new BigDecimal("1000.00");

    public enum Reason {
        UNKNOWN_ZONE,
        INVERTED_TIMES,
        IMPOSSIBLE_AMOUNT,
        MALFORMED_ROW
    }

    private final ZoneLookup zones;

    public TripCheck(ZoneLookup zones) {
        this.zones = zones;
    }

    public Optional<Reason> reject(TlcTrip trip) {
        if (!known(trip.pickupLocationId()) || !known(trip.dropoffLocationId())) {
            return Optional.of(Reason.UNKNOWN_ZONE);
        }
        if (trip.dropoff().isBefore(trip.pickup())) {
            return Optional.of(Reason.INVERTED_TIMES);
        }
        boolean negative = Stream.of(
                        trip.fareAmount(),
                        trip.otherCharges(),
                        trip.tipAmount(),
                        trip.tollsAmount(),
                        trip.totalAmount())
                .anyMatch(v -> v != null && v.signum() < 0);
        if (negative || trip.totalAmount().compareTo(MAX_TOTAL) > 0) {
            return Optional.of(Reason.IMPOSSIBLE_AMOUNT);
        }
        return Optional.empty();
    }

    private boolean known(String locationId) {
        return zones.find(locationId).map(ZoneLookup.Row::known).orElse(false);
    }
}
