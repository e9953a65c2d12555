package io.mobility.simulator.demand;

import io.mobility.events.zone.ZoneType;
import io.mobility.simulator.city.City;
import io.mobility.simulator.city.CityZone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Expected ride requests per zone and minute: the zone type's base weight times its hour-of-day and day-of-week
 * profile, times the holiday, weather and shock factors. Demand is exogenous: supply and price do not change how
 * many people ask for a ride, only how many of them end up riding.
 */
public final class DemandModel {

    private final City city;
    private final CityCalendar calendar;
    private final double requestsPerZoneHour;

    /**
     * @param requestsPerZoneHour mean requests per hour of a zone of base weight 1 on an ordinary day
     */
    public DemandModel(City city, CityCalendar calendar, double requestsPerZoneHour) {
        if (!(requestsPerZoneHour > 0)) {
            throw new IllegalArgumentException("requests per zone-hour must be positive, got " + requestsPerZoneHour);
        }
        this.city = city;
        this.calendar = calendar;
        this.requestsPerZoneHour = requestsPerZoneHour;
    }

    /** Fills {@code out[i]} with the expected requests in zone i during the minute starting at {@code t}. */
    public void ratesPerMinute(Instant t, double[] out) {
        LocalDateTime local = CityCalendar.local(t);
        LocalDate date = local.toLocalDate();
        boolean holiday = calendar.isHoliday(date);
        double weather = calendar.weather(date).demandFactor();
        for (int i = 0; i < city.size(); i++) {
            ZoneType type = city.zone(i).type();
            double rate = requestsPerZoneHour
                    / 60.0
                    * DemandProfile.base(type)
                    * DemandProfile.hourly(type, local.getHour())
                    * DemandProfile.weekly(type, local.getDayOfWeek())
                    * weather;
            if (holiday) {
                rate *= DemandProfile.holiday(type);
            }
            out[i] = rate;
        }
        for (Shock shock : calendar.shocks()) {
            if (!shock.covers(t)) {
                continue;
            }
            if (shock.zoneId() == null) {
                for (int i = 0; i < out.length; i++) {
                    out[i] *= shock.demandFactor();
                }
            } else {
                city.find(shock.zoneId()).ifPresent(zone -> applyLocal(shock, zone, out));
            }
        }
    }

    private void applyLocal(Shock shock, CityZone zone, double[] out) {
        out[city.indexOf(zone.id())] *= shock.demandFactor();
        for (String n : zone.neighbours()) {
            out[city.indexOf(n)] *= shock.neighbourFactor();
        }
    }

    /** Share of scheduled drivers who work at {@code t}: weather of the day and any storm. */
    public double supplyFactor(Instant t) {
        double factor = calendar.weather(CityCalendar.local(t).toLocalDate()).supplyFactor();
        for (Shock shock : calendar.shocks()) {
            if (shock.zoneId() == null && shock.covers(t)) {
                factor *= shock.supplyFactor();
            }
        }
        return factor;
    }

    public CityCalendar calendar() {
        return calendar;
    }

    /** A Poisson draw: Knuth's product method for small means, a rounded normal above 30. */
    public static int poisson(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            double n = Math.round(mean + Math.sqrt(mean) * gaussian(rng));
            return (int) Math.max(0, n);
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
