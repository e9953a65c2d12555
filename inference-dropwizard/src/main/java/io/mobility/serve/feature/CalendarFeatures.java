package io.mobility.serve.feature;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Features that depend only on the hour being predicted, computed as the batch layer does (UTC; ISO day of week,
 * Monday 1 .. Sunday 7, as {@code dim_date.day_of_week}). Computed once per prediction, then read per feature.
 */
public record CalendarFeatures(int hourOfDay, int dayOfWeek, int month) {

    private static final Set<String> NAMES = Set.of("hour_of_day", "day_of_week", "is_weekend", "month");

    public static CalendarFeatures of(Instant hour) {
        ZonedDateTime utc = hour.atZone(ZoneOffset.UTC);
        return new CalendarFeatures(utc.getHour(), utc.getDayOfWeek().getValue(), utc.getMonthValue());
    }

    public static boolean isCalendar(String feature) {
        return NAMES.contains(feature);
    }

    public OptionalDouble value(String feature) {
        return switch (feature) {
            case "hour_of_day" -> OptionalDouble.of(hourOfDay);
            case "day_of_week" -> OptionalDouble.of(dayOfWeek);
            case "is_weekend" -> OptionalDouble.of(dayOfWeek >= 6 ? 1.0 : 0.0);
            case "month" -> OptionalDouble.of(month);
            default -> OptionalDouble.empty();
        };
    }
}
