package io.mobility.simulator.demand;

import io.mobility.events.UsHolidays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The dated context of a simulation: public holidays, the weather of each day and the shocks (storms, concerts).
 * Drawn once from the seed, published in the manifest so that a model's features can be joined to it.
 */
public final class CityCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final Set<LocalDate> holidays;
    private final Map<LocalDate, Weather> weather;
    private final List<Shock> shocks;

    private CityCalendar(Set<LocalDate> holidays, Map<LocalDate, Weather> weather, List<Shock> shocks) {
        this.holidays = holidays;
        this.weather = weather;
        this.shocks = List.copyOf(shocks);
    }

    /**
     * Draws the calendar of [{@code start}, {@code start + days}). Storms come about once every ten days and last
     * three to six hours; concerts twice a week in a nightlife zone, letting out between 22:00 and midnight.
     *
     * @param venueZoneIds zones that can host a concert, in a stable order
     */
    public static CityCalendar draw(long seed, Instant start, int days, List<String> venueZoneIds) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0xCA1E_DA5L);
        LocalDate first = start.atZone(NEW_YORK).toLocalDate();
        Set<LocalDate> holidays = new TreeSet<>();
        Map<LocalDate, Weather> weather = new LinkedHashMap<>();
        List<Shock> shocks = new ArrayList<>();
        for (int y = first.getYear(); y <= first.plusDays(days + 1).getYear(); y++) {
            holidays.addAll(UsHolidays.of(y));
        }
        for (int d = 0; d <= days; d++) {
            LocalDate date = first.plusDays(d);
            double w = rng.nextDouble();
            boolean winter = date.getMonthValue() <= 3 || date.getMonthValue() == 12;
            weather.put(date, w < 0.65 ? Weather.CLEAR : (winter && w > 0.9) ? Weather.SNOW : Weather.RAIN);
            if (rng.nextDouble() < 0.1) {
                Instant from = date.atTime(LocalTime.of(6 + rng.nextInt(14), 0))
                        .atZone(NEW_YORK)
                        .toInstant();
                shocks.add(new Shock(
                        Shock.Kind.STORM, null, from, from.plusSeconds(3600L * (3 + rng.nextInt(4))), 1.6, 1.0, 0.7));
            }
            if (!venueZoneIds.isEmpty() && rng.nextDouble() < 2.0 / 7) {
                String zone = venueZoneIds.get(rng.nextInt(venueZoneIds.size()));
                Instant from = date.atTime(LocalTime.of(22, 0).plusMinutes(30L * rng.nextInt(4)))
                        .atZone(NEW_YORK)
                        .toInstant();
                shocks.add(new Shock(Shock.Kind.CONCERT, zone, from, from.plusSeconds(3600), 5.0, 1.5, 1.0));
            }
        }
        return new CityCalendar(holidays, weather, shocks);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    public Weather weather(LocalDate date) {
        return weather.getOrDefault(date, Weather.CLEAR);
    }

    public List<Shock> shocks() {
        return shocks;
    }

    public Map<LocalDate, Weather> weatherByDay() {
        return weather;
    }

    /** Holidays that fall in the simulated days. */
    public List<LocalDate> holidaysIn(LocalDate from, LocalDate to) {
        return holidays.stream()
                .filter(d -> !d.isBefore(from) && !d.isAfter(to))
                .toList();
    }

    public static LocalDateTime local(Instant t) {
        long second = t.getEpochSecond();
        OffsetSpan span = lastSpan;
        if (second < span.from || second >= span.until) {
            span = OffsetSpan.at(t);
            lastSpan = span;
        }
        return LocalDateTime.ofEpochSecond(second, t.getNano(), span.offset);
    }

    /**
     * New York's UTC offset from an instant until the next transition (epoch seconds, {@code [from, until)}): the
     * simulation asks for local time several times per ride, and the time-zone rules look each year up in a
     * concurrent map; the offset changes twice a year. Immutable, so sharing the last one between threads is safe.
     */
    private record OffsetSpan(long from, long until, ZoneOffset offset) {
        static OffsetSpan at(Instant t) {
            ZoneRules rules = NEW_YORK.getRules();
            ZoneOffsetTransition next = rules.nextTransition(t);
            return new OffsetSpan(
                    t.getEpochSecond(), next == null ? Long.MAX_VALUE : next.toEpochSecond(), rules.getOffset(t));
        }
    }

    private static volatile OffsetSpan lastSpan = new OffsetSpan(0, 0, ZoneOffset.UTC);
}
