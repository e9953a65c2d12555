package io.mobility.streams.zone;

import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.zone.Zone;
import java.util.Optional;
import java.util.function.Function;

/** The zones reference table as the topology sees it: the global store loaded from {@code mobility.zones}. */
public final class ZoneDirectory {

    /** Name of the global store holding the zones table. */
    public static final String STORE = "zones";

    private final Function<String, Zone> zones;

    /** @param zones zone by id, null when unknown: the global store's {@code get} */
    public ZoneDirectory(Function<String, Zone> zones) {
        this.zones = zones;
    }

    public Optional<Zone> find(String zoneId) {
        return zoneId == null ? Optional.empty() : Optional.ofNullable(zones.apply(zoneId));
    }

    public boolean knows(String zoneId) {
        return find(zoneId).isPresent();
    }

    /** False only when the zone is known, has a bounding box, and the point lies outside it. */
    public boolean mayContain(String zoneId, GeoPoint point) {
        if (point == null) {
            return true;
        }
        BoundingBox box = find(zoneId).map(Zone::getBoundingBox).orElse(null);
        return box == null || (point.getLat() >= box.getMinLat() && point.getLat() <= box.getMaxLat()
                && point.getLon() >= box.getMinLon() && point.getLon() <= box.getMaxLon());
    }
}
