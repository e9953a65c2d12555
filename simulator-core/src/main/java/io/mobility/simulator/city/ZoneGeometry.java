package io.mobility.simulator.city;

import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic coordinates for TLC zones, whose lookup table has none. Each zone gets a centroid drawn around its
 * borough's centre (Manhattan long north-south, the others wider), from a random stream seeded by the zone id alone,
 * so a zone has the same place in every run and in every producer. The three airports get their real coordinates.
 * Boxes are about 1.3 km by 1.3 km. This is plausible, not a map: real borders come from the TLC shapefile.
 */
public final class ZoneGeometry {

    private static final double HALF_LAT = 0.006;
    private static final double HALF_LON = 0.008;

    private record Area(double lat, double lon, double latSpread, double lonSpread) {}

    private static final Map<String, Area> BOROUGHS = Map.of(
            "Manhattan", new Area(40.770, -73.972, 0.070, 0.022),
            "Brooklyn", new Area(40.660, -73.950, 0.050, 0.060),
            "Queens", new Area(40.725, -73.830, 0.050, 0.080),
            "Bronx", new Area(40.845, -73.880, 0.040, 0.050),
            "Staten Island", new Area(40.580, -74.150, 0.040, 0.050),
            "EWR", new Area(40.690, -74.175, 0.004, 0.004));
    private static final Area ELSEWHERE = new Area(40.730, -73.935, 0.120, 0.150);

    private static final Map<String, GeoPoint> AIRPORTS = Map.of(
            "1", new GeoPoint(40.689500, -74.174500),
            "132", new GeoPoint(40.641300, -73.778100),
            "138", new GeoPoint(40.776900, -73.874000));

    private ZoneGeometry() {}

    public static GeoPoint centroid(String zoneId, String borough) {
        GeoPoint airport = AIRPORTS.get(zoneId);
        if (airport != null) {
            return airport;
        }
        Area area = BOROUGHS.getOrDefault(borough, ELSEWHERE);
        SplittableRandom rng = new SplittableRandom(0x5EED_2019L ^ zoneId.hashCode() * 0x9E3779B97F4A7C15L);
        double lat = area.lat() + (rng.nextDouble() * 2 - 1) * area.latSpread();
        double lon = area.lon() + (rng.nextDouble() * 2 - 1) * area.lonSpread();
        return new GeoPoint(Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6);
    }

    public static BoundingBox box(GeoPoint centroid) {
        return new BoundingBox(
                centroid.getLat() - HALF_LAT,
                centroid.getLon() - HALF_LON,
                centroid.getLat() + HALF_LAT,
                centroid.getLon() + HALF_LON);
    }

    /** Great-circle distance in kilometres. */
    public static double distanceKm(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.getLat() - a.getLat());
        double dLon = Math.toRadians(b.getLon() - a.getLon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(a.getLat()))
                        * Math.cos(Math.toRadians(b.getLat()))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * 6371.0 * Math.asin(Math.sqrt(h));
    }
}
