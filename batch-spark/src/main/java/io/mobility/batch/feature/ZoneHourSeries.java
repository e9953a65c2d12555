package io.mobility.batch.feature;

import io.mobility.events.UsHolidays;
import io.mobility.events.zone.ZoneType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One zone's hourly requests and available drivers, and the demand features of any hour computed from them in
 * plain Java: the values {@link DemandFeatures} computes in Spark (same frames, same null rules, same order of
 * additions), for the recursive forecast, which needs features of hours whose "observed" requests are its own
 * forecasts. {@code ZoneHourSeriesTest} holds the two implementations equal on every row of a grid.
 */
public final class ZoneHourSeries {

    /** The longest look-back of any feature: {@code level_ratio_3h} reads the 3 hours before, 7 days back. */
    public static final int LOOKBACK_HOURS = 24 * 7 + 3;

    private static final Set<LocalDate> HOLIDAYS = new HashSet<>(UsHolidays.between(2000, 2100));

    private final Double zoneTypeCode;
    private final Map<Long, Double> requests = new HashMap<>();
    private final Map<Long, Double> drivers = new HashMap<>();

    /** @param zoneType a {@link ZoneType} name; another name (or null) makes {@code zone_type_code} missing */
    public ZoneHourSeries(String zoneType) {
        Double code = null;
        for (ZoneType t : ZoneType.values()) {
            if (t.name().equals(zoneType)) {
                code = (double) t.ordinal();
            }
        }
        this.zoneTypeCode = code;
    }

    public static long epochHour(Instant hour) {
        return Math.floorDiv(hour.getEpochSecond(), 3600);
    }

    /** Records an hour; a null value is not observed (unknown), as a null on the Spark grid. */
    public void put(long epochHour, Double requests, Double availableDrivers) {
        this.requests.put(epochHour, requests);
        this.drivers.put(epochHour, availableDrivers);
    }

    /** The features of {@code epochHour}, in the order of {@code names}; NaN = missing (as VectorAssembler "keep"). */
    public double[] features(long epochHour, List<String> names) {
        Map<String, Double> all = features(epochHour);
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            if (!all.containsKey(names.get(i))) {
                throw new IllegalArgumentException(
                        "feature '" + names.get(i) + "' is not a demand feature; known: " + DemandFeatures.NAMES);
            }
            Double v = all.get(names.get(i));
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    /** Every feature of {@code epochHour} by name; null = missing. */
    public Map<String, Double> features(long epochHour) {
        ZonedDateTime t = Instant.ofEpochSecond(epochHour * 3600).atZone(ZoneOffset.UTC);
        DayOfWeek day = t.getDayOfWeek();
        Map<String, Double> f = new HashMap<>();
        f.put("hour_of_day", (double) t.getHour());
        f.put("day_of_week", (double) day.getValue());
        f.put("is_weekend", day.getValue() >= 6 ? 1.0 : 0.0);
        f.put("month", (double) t.getMonthValue());
        f.put("is_holiday", HOLIDAYS.contains(t.toLocalDate()) ? 1.0 : 0.0);
        Double lag1 = requests.get(epochHour - 1);
        f.put("lag_1h", lag1);
        f.put("lag_2h", requests.get(epochHour - 2));
        f.put("lag_24h", requests.get(epochHour - 24));
        f.put("lag_168h", requests.get(epochHour - 168));
        Double mean3 = mean(requests, epochHour, 3);
        f.put("mean_3h", mean3);
        f.put("mean_24h", mean(requests, epochHour, 24));
        f.put("mean_168h", mean(requests, epochHour, 168));
        Double sameHour = sameHourMean(epochHour);
        Double level = levelRatio(epochHour, mean3);
        f.put("mean_same_hour_7d", sameHour);
        f.put("level_ratio_3h", level);
        f.put("profile_forecast", sameHour == null || level == null ? null : sameHour * level);
        Double driversLag1 = drivers.get(epochHour - 1);
        f.put("available_drivers_lag_1h", driversLag1);
        f.put("available_drivers_mean_24h", mean(drivers, epochHour, 24));
        Double supply = greatestOne(driversLag1);
        f.put("demand_supply_ratio_lag_1h", lag1 == null || supply == null ? null : lag1 / supply);
        f.put("zone_type_code", zoneTypeCode);
        return f;
    }

    /**
     * Mean of the {@code hours} hours before, summed oldest first as Spark's window frame does; null unless all known.
     */
    private static Double mean(Map<Long, Double> series, long epochHour, int hours) {
        double sum = 0;
        for (long h = epochHour - hours; h < epochHour; h++) {
            Double v = series.get(h);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum / hours;
    }

    private Double sameHourMean(long epochHour) {
        double sum = 0.0;
        for (int d = 1; d <= 7; d++) {
            Double v = requests.get(epochHour - 24L * d);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum / 7;
    }

    private Double levelRatio(long epochHour, Double mean3) {
        double sum = 0.0;
        for (int d = 1; d <= 7; d++) {
            for (int k = 1; k <= 3; k++) {
                Double v = requests.get(epochHour - 24L * d - k);
                if (v == null) {
                    return null;
                }
                sum += v;
            }
        }
        Double base = greatestOne(sum / 21);
        return mean3 == null ? null : mean3 / base;
    }

    private static Double greatestOne(Double c) {
        if (c == null) {
            return null;
        }
        return c < 1.0 ? 1.0 : c;
    }
}
