package io.mobility.simulator.city;

import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneType;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A zone of the simulated city: TLC identity (id, name, borough, service zone), a demand type and synthetic geometry.
 *
 * @param box axis-aligned box around the centroid; points drawn for rides in this zone fall inside it
 */
public record CityZone(
        String id,
        String name,
        String borough,
        String serviceZone,
        ZoneType type,
        GeoPoint centroid,
        BoundingBox box,
        List<String> neighbours) {

    public CityZone withNeighbours(List<String> ids) {
        return new CityZone(id, name, borough, serviceZone, type, centroid, box, List.copyOf(ids));
    }

    /** A uniformly drawn point inside the zone's box. */
    public GeoPoint randomPoint(SplittableRandom rng) {
        double lat = box.getMinLat() + rng.nextDouble() * (box.getMaxLat() - box.getMinLat());
        double lon = box.getMinLon() + rng.nextDouble() * (box.getMaxLon() - box.getMinLon());
        return new GeoPoint(round6(lat), round6(lon));
    }

    public Zone toReference(Instant updatedAt) {
        return new Zone(id, name, borough, serviceZone, type, centroid, box, neighbours, updatedAt);
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
