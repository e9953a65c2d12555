package io.mobility.simulator.supply;

import io.mobility.events.Producer;
import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.ride.VehicleType;
import io.mobility.simulator.city.City;
import io.mobility.simulator.city.CityZone;
import io.mobility.simulator.sink.Emission;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The drivers of the city. Supply follows shifts, whose start hours are spread like demand (morning, midday,
 * evening and night shifts); it also reacts to demand: drivers due within the hour start early when their home zone
 * surges, drivers at the end of a shift stay up to an hour longer while their zone surges, and idle drivers move to a
 * neighbouring zone that surges clearly more than theirs. Bad weather and storms keep a share of drivers at home.
 */
public final class Fleet {

    static final double SURGE_TO_REACT = 1.5;
    private static final int EVENT_TIME =
            DriverEvent.getClassSchema().getField("event_time").pos();
    static final int PING_EVERY_MINUTES = 5;
    private static final int[] SHIFT_STARTS = {6, 6, 7, 7, 8, 10, 11, 14, 15, 16, 16, 17, 18, 19, 20, 21, 22};
    private static final VehicleType[] FLEET_MIX = {
        VehicleType.ECONOMY, VehicleType.ECONOMY, VehicleType.ECONOMY, VehicleType.ECONOMY, VehicleType.ECONOMY,
        VehicleType.ECONOMY, VehicleType.COMFORT, VehicleType.COMFORT, VehicleType.XL, VehicleType.PREMIUM,
        VehicleType.GREEN, VehicleType.ACCESSIBLE
    };

    private final City city;
    private final List<DriverState> drivers;
    private final long seed;
    private final Producer producer;
    private final ArrayDeque<int[]>[] availableQueues;
    private final int[] availableCount;
    private final SplittableRandom rng;
    private final double[] dayDraw;
    private final long[] dayDrawDate;
    private long minuteIndex;
    /** Whether each driver is scheduled in the local hour {@link #scheduleHour} (hour * 10 + weekday), and the next. */
    private final boolean[] scheduledNow;

    private final boolean[] scheduledNext;
    private int scheduleHour = -1;
    /**
     * Indexes, ascending, of the drivers whose state can change within {@link #scheduleHour}: on shift this hour or
     * the next (an early start), or not offline (on a trip, past the end of a shift). The others are offline all
     * hour and draw no randoms, so skipping them changes no record; most of the fleet at night, a good part by day.
     */
    private final int[] active;

    private int activeCount;

    @SuppressWarnings("unchecked")
    private Fleet(City city, List<DriverState> drivers, long seed, Producer producer) {
        this.city = city;
        this.drivers = drivers;
        this.seed = seed;
        this.producer = producer;
        this.availableQueues = new ArrayDeque[city.size()];
        for (int i = 0; i < city.size(); i++) {
            availableQueues[i] = new ArrayDeque<>();
        }
        this.availableCount = new int[city.size()];
        this.rng = new SplittableRandom(seed ^ 0xF1EE7L);
        this.dayDraw = new double[drivers.size()];
        this.dayDrawDate = new long[drivers.size()];
        java.util.Arrays.fill(dayDrawDate, Long.MIN_VALUE);
        this.scheduledNow = new boolean[drivers.size()];
        this.scheduledNext = new boolean[drivers.size()];
        this.active = new int[drivers.size()];
    }

    /** Hires {@code count} drivers with homes spread over the city. */
    public static Fleet hire(int count, City city, long seed, Producer producer) {
        if (count < 1) {
            throw new IllegalArgumentException("--drivers must be at least 1, got " + count);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0xD121_7E25L);
        List<DriverState> drivers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = SHIFT_STARTS[rng.nextInt(SHIFT_STARTS.length)];
            int hours = 6 + rng.nextInt(5);
            int dayOff = rng.nextInt(7);
            int mask = (1 << dayOff) | (1 << ((dayOff + 1 + rng.nextInt(6)) % 7));
            drivers.add(new DriverState(
                    i,
                    String.format("D%05d", i + 1),
                    FLEET_MIX[rng.nextInt(FLEET_MIX.length)],
                    rng.nextInt(city.size()),
                    start,
                    hours,
                    mask));
        }
        return new Fleet(city, drivers, seed, producer);
    }

    /** Reference records of every driver, for the compacted drivers topic. */
    public List<Driver> references(Instant updatedAt) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x4EFL);
        LocalDate today = updatedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<Driver> out = new ArrayList<>(drivers.size());
        for (DriverState d : drivers) {
            double rating = Math.round((4.2 + r.nextDouble() * 0.8) * 100) / 100.0;
            out.add(new Driver(
                    d.id,
                    d.vehicle,
                    rating,
                    today.minusDays(30 + r.nextInt(1500)),
                    city.zone(d.homeZone).id(),
                    updatedAt));
        }
        return out;
    }

    /**
     * Advances the fleet to the minute starting at {@code tick}: frees drivers whose trips ended, applies shifts and
     * reactions to surge, and emits online, offline and ping events for the minute.
     */
    public void advance(Instant tick, double supplyFactor, double[] surge, Consumer<Emission> out) {
        long now = tick.getEpochSecond();
        LocalDateTime local = io.mobility.simulator.demand.CityCalendar.local(tick);
        LocalDateTime inAnHour = local.plusHours(1);
        int hour = local.getHour();
        int day = local.getDayOfWeek().getValue();
        int hourLater = inAnHour.getHour();
        int dayLater = inAnHour.getDayOfWeek().getValue();
        long epochDay = local.toLocalDate().toEpochDay();
        // a driver pings when (minuteIndex + index) % PING_EVERY_MINUTES == 0: one division per minute, not per driver
        int pingSlot = (int) ((PING_EVERY_MINUTES - minuteIndex % PING_EVERY_MINUTES) % PING_EVERY_MINUTES);
        // schedules change by the hour: worked out once an hour for every driver, not every minute
        if (scheduleHour != hour * 10 + day) {
            scheduleHour = hour * 10 + day;
            activeCount = 0;
            for (int i = 0, n = drivers.size(); i < n; i++) {
                DriverState d = drivers.get(i);
                scheduledNow[i] = d.scheduledAt(hour, day);
                scheduledNext[i] = d.scheduledAt(hourLater, dayLater);
                if (scheduledNow[i] || scheduledNext[i] || d.status != DriverStatus.OFFLINE) {
                    active[activeCount++] = i;
                }
            }
        }
        for (int k = 0; k < activeCount; k++) {
            int i = active[k];
            DriverState d = drivers.get(i);
            if (d.status == DriverStatus.ON_TRIP || d.status == DriverStatus.EN_ROUTE) {
                if (d.busyUntil <= now) {
                    d.zone = d.nextZone;
                    d.rideId = null;
                    makeAvailable(d);
                } else if (d.pickupAt <= now) {
                    d.status = DriverStatus.ON_TRIP;
                }
            }
            boolean scheduled = scheduledNow[i];
            boolean works = scheduled && dayDraw(d, epochDay) < supplyFactor;
            switch (d.status) {
                case OFFLINE -> {
                    boolean early = !scheduled
                            && surge[d.homeZone] >= SURGE_TO_REACT
                            && scheduledNext[i]
                            && dayDraw(d, epochDay) < supplyFactor
                            && rng.nextDouble() < 0.1;
                    if (works || early) {
                        d.zone = d.homeZone;
                        d.extendedUntil = 0;
                        makeAvailable(d);
                        out.accept(event(d, DriverEventType.DRIVER_ONLINE, now));
                    }
                }
                case AVAILABLE -> {
                    if (!works && !staysForSurge(d, now, surge)) {
                        makeUnavailable(d, DriverStatus.OFFLINE);
                        out.accept(event(d, DriverEventType.DRIVER_OFFLINE, now));
                    } else {
                        reposition(d, surge);
                    }
                }
                default -> {}
            }
            if (d.status != DriverStatus.OFFLINE && d.pingSlot == pingSlot) {
                out.accept(event(d, DriverEventType.DRIVER_PING, now));
            }
        }
        minuteIndex++;
    }

    private boolean staysForSurge(DriverState d, long now, double[] surge) {
        if (surge[d.zone] < SURGE_TO_REACT) {
            return false;
        }
        if (d.extendedUntil == 0) {
            d.extendedUntil = now + 3600;
        }
        return now < d.extendedUntil;
    }

    private void reposition(DriverState d, double[] surge) {
        if (rng.nextDouble() >= 0.1) {
            return;
        }
        int best = d.zone;
        for (int z : city.neighbourIndexes(d.zone)) {
            if (surge[z] >= surge[best] + 0.5) {
                best = z;
            }
        }
        if (best != d.zone) {
            makeUnavailable(d, DriverStatus.AVAILABLE);
            d.zone = best;
            makeAvailable(d);
        }
    }

    /** A per-driver, per-day draw: a driver whose draw exceeds the supply factor stays home that day. */
    private double dayDraw(DriverState d, long epochDay) {
        if (dayDrawDate[d.index] != epochDay) {
            dayDrawDate[d.index] = epochDay;
            dayDraw[d.index] =
                    new SplittableRandom(seed ^ (d.index * 0x9E3779B97F4A7C15L) ^ (epochDay * 31)).nextDouble();
        }
        return dayDraw[d.index];
    }

    private void makeAvailable(DriverState d) {
        d.status = DriverStatus.AVAILABLE;
        d.availabilityVersion++;
        availableQueues[d.zone].addLast(new int[] {d.index, d.availabilityVersion});
        availableCount[d.zone]++;
    }

    private void makeUnavailable(DriverState d, DriverStatus next) {
        if (d.status == DriverStatus.AVAILABLE) {
            availableCount[d.zone]--;
        }
        d.availabilityVersion++;
        d.status = next;
    }

    /** Takes the longest-idle available driver in {@code zone}, or null. */
    public DriverState takeAvailable(int zone) {
        ArrayDeque<int[]> queue = availableQueues[zone];
        while (!queue.isEmpty()) {
            int[] entry = queue.pollFirst();
            DriverState d = drivers.get(entry[0]);
            if (d.status == DriverStatus.AVAILABLE && d.zone == zone && d.availabilityVersion == entry[1]) {
                makeUnavailable(d, DriverStatus.EN_ROUTE);
                return d;
            }
        }
        return null;
    }

    /**
     * Books a taken driver for a ride: approaching until {@code pickupAt} (epoch second, Long.MAX_VALUE if the ride
     * is cancelled before pickup), then carrying the rider, free again at {@code freeAt} in zone {@code endZone}.
     */
    public void book(DriverState d, String rideId, long pickupAt, long freeAt, int endZone) {
        d.status = DriverStatus.EN_ROUTE;
        d.rideId = rideId;
        d.pickupAt = pickupAt;
        d.busyUntil = freeAt;
        d.nextZone = endZone;
    }

    public int available(int zone) {
        return availableCount[zone];
    }

    public int size() {
        return drivers.size();
    }

    public List<DriverState> drivers() {
        return drivers;
    }

    /**
     * An event of {@code d} in the minute starting at {@code minuteStart} (epoch second); drivers' events are spread
     * over the minute by driver. Built with setters, not a builder, as this runs for every driver event (most of a
     * run's records); and {@code event_time} through {@code put}: Avro's generated constructor and setter truncate a
     * timestamp-millis to milliseconds on every call (10% of the generating thread, in long divisions), and these
     * times are whole milliseconds already.
     */
    private Emission event(DriverState d, DriverEventType type, long minuteStart) {
        long atMillis = (minuteStart + d.secondInMinute) * 1000;
        String eventId = new UUID(rng.nextLong(), rng.nextLong()).toString();
        CityZone zone = city.zone(d.zone);
        DriverEvent e = new DriverEvent();
        e.setEventId(eventId);
        e.setEventType(type);
        e.put(EVENT_TIME, Instant.ofEpochMilli(atMillis));
        e.setDriverId(d.id);
        e.setStatus(d.status);
        e.setZoneId(zone.id());
        e.setLocation(zone.randomPoint(rng));
        e.setVehicleType(d.vehicle);
        e.setRideId(d.rideId);
        e.setProducer(producer);
        return new Emission(Topics.DRIVER_EVENTS_RAW.name(), d.id, e, atMillis);
    }
}
