package io.mobility.simulator.city;

import io.mobility.events.zone.ZoneType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What kind of place a TLC zone is, which drives its demand profile. Well-known zones are typed by hand (and come
 * first, interleaved, so that even a small city has every type); the rest by TLC service zone.
 */
public final class ZoneClassifier {

    /** Curated zones in the order a city of N zones takes them. */
    static final Map<String, ZoneType> CURATED = new LinkedHashMap<>();

    static {
        List<Object[]> entries = List.of(
                new Object[] {"161", ZoneType.BUSINESS}, new Object[] {"236", ZoneType.RESIDENTIAL},
                new Object[] {"79", ZoneType.NIGHTLIFE}, new Object[] {"132", ZoneType.AIRPORT},
                new Object[] {"162", ZoneType.BUSINESS}, new Object[] {"239", ZoneType.RESIDENTIAL},
                new Object[] {"230", ZoneType.NIGHTLIFE}, new Object[] {"48", ZoneType.MIXED},
                new Object[] {"87", ZoneType.BUSINESS}, new Object[] {"237", ZoneType.RESIDENTIAL},
                new Object[] {"148", ZoneType.NIGHTLIFE}, new Object[] {"138", ZoneType.AIRPORT},
                new Object[] {"88", ZoneType.BUSINESS}, new Object[] {"238", ZoneType.RESIDENTIAL},
                new Object[] {"249", ZoneType.NIGHTLIFE}, new Object[] {"68", ZoneType.MIXED},
                new Object[] {"164", ZoneType.BUSINESS}, new Object[] {"7", ZoneType.RESIDENTIAL},
                new Object[] {"255", ZoneType.NIGHTLIFE}, new Object[] {"186", ZoneType.BUSINESS},
                new Object[] {"181", ZoneType.RESIDENTIAL}, new Object[] {"114", ZoneType.NIGHTLIFE},
                new Object[] {"142", ZoneType.MIXED}, new Object[] {"170", ZoneType.BUSINESS},
                new Object[] {"41", ZoneType.RESIDENTIAL}, new Object[] {"234", ZoneType.NIGHTLIFE},
                new Object[] {"90", ZoneType.BUSINESS}, new Object[] {"61", ZoneType.RESIDENTIAL},
                new Object[] {"246", ZoneType.NIGHTLIFE}, new Object[] {"107", ZoneType.MIXED},
                new Object[] {"65", ZoneType.BUSINESS}, new Object[] {"36", ZoneType.RESIDENTIAL},
                new Object[] {"231", ZoneType.MIXED}, new Object[] {"100", ZoneType.BUSINESS},
                new Object[] {"129", ZoneType.RESIDENTIAL}, new Object[] {"113", ZoneType.NIGHTLIFE},
                new Object[] {"226", ZoneType.RESIDENTIAL}, new Object[] {"80", ZoneType.NIGHTLIFE},
                new Object[] {"193", ZoneType.MIXED}, new Object[] {"1", ZoneType.AIRPORT});
        for (Object[] e : entries) {
            CURATED.put((String) e[0], (ZoneType) e[1]);
        }
    }

    private ZoneClassifier() {}

    public static ZoneType classify(ZoneLookup.Row row) {
        ZoneType curated = CURATED.get(row.locationId());
        if (curated != null) {
            return curated;
        }
        return switch (row.serviceZone()) {
            case "Airports", "EWR" -> ZoneType.AIRPORT;
            case "Yellow Zone" -> ZoneType.MIXED;
            case "Boro Zone" -> ZoneType.RESIDENTIAL;
            default -> ZoneType.UNKNOWN;
        };
    }
}
