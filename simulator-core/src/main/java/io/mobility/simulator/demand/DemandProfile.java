package io.mobility.simulator.demand;

import io.mobility.events.zone.ZoneType;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.Map;

/**
 * Relative demand of each zone type by local hour of day and by day of week, each normalised to a mean of 1, and a
 * base weight per type. Business zones peak at commute hours on weekdays, nightlife late in the evening and at
 * weekends, airports follow the flight schedule, residential zones send people out in the morning.
 */
public final class DemandProfile {

    private static final Map<ZoneType, double[]> HOURLY = new EnumMap<>(ZoneType.class);
    private static final Map<ZoneType, double[]> WEEKLY = new EnumMap<>(ZoneType.class);
    private static final Map<ZoneType, Double> BASE = new EnumMap<>(ZoneType.class);

    static {
        put(
                ZoneType.BUSINESS,
                1.2,
                new double[] {
                    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.0, 1.8, 1.2, 1.1, 1.3, 1.2, 1.1, 1.2, 1.5, 2.0, 1.9, 1.3,
                    0.9, 0.6, 0.4, 0.3
                },
                new double[] {1.15, 1.2, 1.2, 1.2, 1.1, 0.6, 0.5});
        put(
                ZoneType.RESIDENTIAL,
                0.8,
                new double[] {
                    0.3, 0.2, 0.1, 0.1, 0.2, 0.4, 1.0, 1.8, 1.9, 1.3, 0.9, 0.9, 1.0, 0.9, 0.9, 1.0, 1.1, 1.3, 1.4, 1.3,
                    1.1, 0.9, 0.7, 0.5
                },
                new double[] {1.0, 1.0, 1.0, 1.0, 1.05, 1.0, 0.95});
        put(
                ZoneType.NIGHTLIFE,
                1.0,
                new double[] {
                    1.8, 1.6, 1.2, 0.8, 0.4, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.4, 1.6,
                    1.8, 2.0, 2.1, 2.0
                },
                new double[] {0.6, 0.6, 0.8, 1.0, 1.5, 1.7, 0.9});
        put(
                ZoneType.AIRPORT,
                1.5,
                new double[] {
                    0.4, 0.2, 0.1, 0.1, 0.2, 0.6, 1.1, 1.3, 1.3, 1.2, 1.2, 1.2, 1.2, 1.3, 1.4, 1.5, 1.5, 1.5, 1.4, 1.3,
                    1.2, 1.1, 0.9, 0.6
                },
                new double[] {1.1, 0.9, 0.9, 1.0, 1.2, 0.9, 1.1});
        double[] mixedHourly = {
            0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.7, 1.3, 1.7, 1.4, 1.1, 1.1, 1.2, 1.1, 1.1, 1.2, 1.3, 1.6, 1.6, 1.4, 1.2,
            1.0, 0.8, 0.6
        };
        double[] mixedWeekly = {1.0, 1.0, 1.05, 1.05, 1.1, 0.95, 0.85};
        put(ZoneType.MIXED, 1.0, mixedHourly, mixedWeekly);
        put(ZoneType.UNKNOWN, 1.0, mixedHourly, mixedWeekly);
    }

    private static void put(ZoneType type, double base, double[] hourly, double[] weekly) {
        BASE.put(type, base);
        HOURLY.put(type, normalised(hourly));
        WEEKLY.put(type, normalised(weekly));
    }

    private static double[] normalised(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        return java.util.Arrays.stream(values).map(v -> v / mean).toArray();
    }

    private DemandProfile() {}

    public static double base(ZoneType type) {
        return BASE.get(type);
    }

    public static double hourly(ZoneType type, int hourOfDay) {
        return HOURLY.get(type)[hourOfDay];
    }

    public static double weekly(ZoneType type, DayOfWeek day) {
        return WEEKLY.get(type)[day.getValue() - 1];
    }

    /** The 24 hourly weights of a type (a copy). */
    public static double[] hourlyProfile(ZoneType type) {
        return HOURLY.get(type).clone();
    }

    /** The 7 weekday weights of a type, Monday first (a copy). */
    public static double[] weeklyProfile(ZoneType type) {
        return WEEKLY.get(type).clone();
    }

    /** How a public holiday changes demand: offices empty, bars and airports fill. */
    public static double holiday(ZoneType type) {
        return switch (type) {
            case BUSINESS -> 0.45;
            case NIGHTLIFE -> 1.3;
            case AIRPORT -> 1.25;
            case RESIDENTIAL -> 0.9;
            default -> 0.8;
        };
    }
}
