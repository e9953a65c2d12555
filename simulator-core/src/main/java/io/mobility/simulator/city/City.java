package io.mobility.simulator.city;

import io.mobility.events.geo.GeoPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The zones of a city and who borders whom. Zone order is stable: index i is the same zone in every run. */
public final class City {

    /** Each zone borders its nearest few, made symmetric. */
    static final int NEAREST = 4;

    private final List<CityZone> zones;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final int[][] neighbourIndexes;

    private City(List<CityZone> zones) {
        this.zones = List.copyOf(zones);
        for (int i = 0; i < zones.size(); i++) {
            indexById.put(zones.get(i).id(), i);
        }
        neighbourIndexes = new int[zones.size()][];
        for (int i = 0; i < zones.size(); i++) {
            neighbourIndexes[i] =
                    zones.get(i).neighbours().stream().mapToInt(this::indexOf).toArray();
        }
    }

    /** A city of the first {@code count} zones: the curated ones, then the remaining known TLC zones by id. */
    public static City of(int count, ZoneLookup lookup) {
        List<ZoneLookup.Row> known = lookup.knownRows();
        if (count < 2 || count > known.size()) {
            throw new IllegalArgumentException(
                    "--zones must be between 2 and " + known.size() + " (the TLC zones with a borough), got " + count);
        }
        List<ZoneLookup.Row> chosen = new ArrayList<>();
        for (String id : ZoneClassifier.CURATED.keySet()) {
            lookup.find(id).filter(ZoneLookup.Row::known).ifPresent(chosen::add);
        }
        for (ZoneLookup.Row row : known) {
            if (!ZoneClassifier.CURATED.containsKey(row.locationId())) {
                chosen.add(row);
            }
        }
        return fromRows(chosen.subList(0, count));
    }

    /** Every known zone of the lookup, as the TLC replay publishes them. */
    public static City allOf(ZoneLookup lookup) {
        return fromRows(lookup.knownRows());
    }

    private static City fromRows(List<ZoneLookup.Row> rows) {
        List<CityZone> zones = new ArrayList<>();
        for (ZoneLookup.Row row : rows) {
            GeoPoint c = ZoneGeometry.centroid(row.locationId(), row.borough());
            zones.add(new CityZone(
                    row.locationId(),
                    row.zone(),
                    row.borough(),
                    row.serviceZone(),
                    ZoneClassifier.classify(row),
                    c,
                    ZoneGeometry.box(c),
                    List.of()));
        }
        List<Set<String>> links = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            links.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < zones.size(); i++) {
            GeoPoint from = zones.get(i).centroid();
            List<Integer> byDistance = new ArrayList<>();
            for (int j = 0; j < zones.size(); j++) {
                if (j != i) {
                    byDistance.add(j);
                }
            }
            byDistance.sort(Comparator.comparingDouble(
                    j -> ZoneGeometry.distanceKm(from, zones.get(j).centroid())));
            for (int j : byDistance.subList(0, Math.min(NEAREST, byDistance.size()))) {
                links.get(i).add(zones.get(j).id());
                links.get(j).add(zones.get(i).id());
            }
        }
        List<CityZone> linked = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            List<String> ids = new ArrayList<>(links.get(i));
            ids.sort(Comparator.comparingInt(Integer::parseInt));
            linked.add(zones.get(i).withNeighbours(ids));
        }
        return new City(linked);
    }

    public List<CityZone> zones() {
        return zones;
    }

    public int size() {
        return zones.size();
    }

    public CityZone zone(int index) {
        return zones.get(index);
    }

    /**
     * The indexes of the neighbours of the zone at {@code index}, in the order of {@link CityZone#neighbours()}
     * (supply and dispatch look them up for every ride and many drivers each minute). Callers must not change it.
     */
    public int[] neighbourIndexes(int index) {
        return neighbourIndexes[index];
    }

    public int indexOf(String zoneId) {
        Integer i = indexById.get(zoneId);
        if (i == null) {
            throw new IllegalArgumentException("zone " + zoneId + " is not in this city");
        }
        return i;
    }

    public Optional<CityZone> find(String zoneId) {
        Integer i = indexById.get(zoneId);
        return i == null ? Optional.empty() : Optional.of(zones.get(i));
    }
}
