package io.mobility.batch.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hours a run monitors: from midnight (UTC) of the first of {@code days} days up to {@code to}, the end of the
 * last closed hour (exclusive). Drift of a day looks at the {@code days * 24} hours ending with that day (or at
 * {@code to} on the last, partial day), so that every drift window holds whole weeks of hours for the default 7.
 */
public record MonitorWindow(Instant from, Instant to, int days) {

    public static MonitorWindow ending(Instant to, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        LocalDate lastDay = LocalDate.ofInstant(end.minusSeconds(1), ZoneOffset.UTC);
        Instant from = lastDay.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new MonitorWindow(from, end, days);
    }

    /** The UTC days of the window, oldest first. */
    public List<LocalDate> dayList() {
        List<LocalDate> list = new ArrayList<>();
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC);
                d.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to);
                d = d.plusDays(1)) {
            list.add(d);
        }
        return list;
    }

    /** Observed hours of {@code day} inside the window (24, or fewer on the last day). */
    public long hoursOf(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = min(start.plus(Duration.ofDays(1)), to);
        return Math.max(0, Duration.between(max(start, from), end).toHours());
    }

    /** End (exclusive) of the drift window of {@code day}. */
    public Instant driftEnd(LocalDate day) {
        return min(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), to);
    }

    /** Start (inclusive) of the drift window of {@code day}. */
    public Instant driftStart(LocalDate day) {
        return driftEnd(day).minus(Duration.ofHours(24L * days));
    }

    /** The earliest hour any drift window of this run reads. */
    public Instant featuresFrom() {
        return driftStart(dayList().get(0));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
