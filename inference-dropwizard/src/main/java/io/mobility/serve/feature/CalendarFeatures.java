package io.mobility.serve.feature;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.OptionalDouble;

/**
 * Features that depend only on the hour being predicted, computed as the batch layer does (UTC; ISO day of week,
 * Monday 1 .. Sunday 7, as {@code dim_date.day_of_week}).
 */
public final class CalendarFeatures {

    private CalendarFeatures() {
    }

    public static OptionalDouble value(String feature, Instant hour) {
        ZonedDateTime utc = hour.atZone(ZoneOffset.UTC);
        return switch (feature) {
            case "hour_of_day" -> OptionalDouble.of(utc.getHour());
            case "day_of_week" -> OptionalDouble.of(utc.getDayOfWeek().getValue());
            case "is_weekend" -> OptionalDouble.of(utc.getDayOfWeek().getValue() >= 6 ? 1.0 : 0.0);
            case "month" -> OptionalDouble.of(utc.getMonthValue());
            default -> OptionalDouble.empty();
        };
    }
}
