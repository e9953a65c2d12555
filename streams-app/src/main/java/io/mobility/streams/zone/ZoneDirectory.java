package io.mobility.streams.zone;

import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.zone.Zone;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** The zones reference table as the topology sees it: the global store loaded from {@code mobility.zones}. */
public final class ZoneDirectory {

    /** Name of the global store holding the zones table. */
    public static final String STORE = "zones";

    private static final int MAX_CACHED = 10_000;

    private final Function<String, Zone> zones;
    private final LongSupplier changes;
    private final Map<String, Optional<Zone>> cache = new HashMap<>();
    private long cachedAt;

    /** @param zones zone by id, null when unknown: the global store's {@code get}; asked on every look-up */
    public ZoneDirectory(Function<String, Zone> zones) {
        this(zones, null);
    }

    /**
     * Keeps what {@code zones} answered (known and unknown ids) until {@code changes} moves. For one thread: each
     * processor has its own.
     */
    public ZoneDirectory(Function<String, Zone> zones, LongSupplier changes) {
        this.zones = zones;
        this.changes = changes;
    }

    public Optional<Zone> find(String zoneId) {
        if (zoneId == null) {
            return Optional.empty();
        }
        if (changes == null) {
            return Optional.ofNullable(zones.apply(zoneId));
        }
        long now = changes.getAsLong();
        if (now != cachedAt || cache.size() >= MAX_CACHED) {
            cache.clear();
            cachedAt = now;
        }
        Optional<Zone> zone = cache.get(zoneId);
        if (zone == null) {
            zone = Optional.ofNullable(zones.apply(zoneId));
            cache.put(zoneId, zone);
        }
        return zone;
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
