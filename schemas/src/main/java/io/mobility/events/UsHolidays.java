package io.mobility.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The US federal holidays New York observes, on their actual dates (not the observed Friday/Monday): New Year's
 * Day, Martin Luther King Jr. Day, Presidents' Day, Memorial Day, Juneteenth, Independence Day, Labor Day,
 * Thanksgiving and Christmas. Here, beside the contract, because both sides of the is_holiday feature read it: the
 * simulator's demand calendar and batch-spark's features.
 */
public final class UsHolidays {

    private UsHolidays() {}

    public static List<LocalDate> of(int year) {
        return List.of(
                LocalDate.of(year, Month.JANUARY, 1),
                LocalDate.of(year, Month.JANUARY, 1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.FEBRUARY, 1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.JUNE, 19),
                LocalDate.of(year, Month.JULY, 4),
                LocalDate.of(year, Month.SEPTEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)),
                LocalDate.of(year, Month.DECEMBER, 25));
    }

    /** Every holiday of the years {@code from} to {@code to}, inclusive. */
    public static List<LocalDate> between(int from, int to) {
        List<LocalDate> all = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            all.addAll(of(y));
        }
        return all;
    }
}
