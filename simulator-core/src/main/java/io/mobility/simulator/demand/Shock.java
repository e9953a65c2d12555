package io.mobility.simulator.demand;

import java.time.Instant;

/**
 * A dated disturbance of demand and supply: a storm over the whole city or a concert letting out in one zone.
 *
 * @param zoneId the zone hit, or null for the whole city
 * @param neighbourFactor demand factor in the zone's neighbours (1 for city-wide shocks)
 * @param supplyFactor share of drivers who stay online during the shock
 */
public record Shock(
        Kind kind,
        String zoneId,
        Instant from,
        Instant to,
        double demandFactor,
        double neighbourFactor,
        double supplyFactor) {

    public enum Kind {
        STORM,
        CONCERT
    }

    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
