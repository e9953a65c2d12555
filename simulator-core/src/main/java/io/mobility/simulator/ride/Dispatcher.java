package io.mobility.simulator.ride;

import io.mobility.events.Producer;
import io.mobility.events.Topics;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Cancellation;
import io.mobility.events.ride.CancelledBy;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.VehicleType;
import io.mobility.events.zone.ZoneType;
import io.mobility.simulator.city.City;
import io.mobility.simulator.city.CityZone;
import io.mobility.simulator.city.ZoneGeometry;
import io.mobility.simulator.demand.CityCalendar;
import io.mobility.simulator.demand.DemandModel;
import io.mobility.simulator.pricing.FareCalculator;
import io.mobility.simulator.pricing.SurgePricing;
import io.mobility.simulator.sink.Emission;
import io.mobility.simulator.supply.DriverState;
import io.mobility.simulator.supply.Fleet;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns demand into rides: draws the minute's requests per zone, prices them with the zone's surge, matches waiting
 * requests to the longest-idle driver in the zone or a neighbour, and plays each matched ride to its end (arrival,
 * start, completion with the fare) or to a cancellation. Every event of a ride is emitted when the ride is decided;
 * the simulation's outbox sends them in event-time order.
 */
public final class Dispatcher {

    /** Requests of the last this many minutes count as open demand for the surge rule. */
    static final int RECENT_MINUTES = 5;

    private static final VehicleType[] PRODUCTS = {
        VehicleType.ECONOMY, VehicleType.ECONOMY, VehicleType.ECONOMY, VehicleType.ECONOMY, VehicleType.ECONOMY,
        VehicleType.ECONOMY, VehicleType.COMFORT, VehicleType.COMFORT, VehicleType.XL, VehicleType.PREMIUM
    };

    private final City city;
    private final Fleet fleet;
    private final SurgePricing pricing;
    private final FareCalculator fares = new FareCalculator();
    private final CancellationModel cancellations = new CancellationModel();
    private final int riders;
    private final Producer producer;
    private final SplittableRandom rng;
    /** Demand has its own stream: who asks for which ride does not depend on how supply served earlier requests. */
    private final SplittableRandom demandRng;

    private final String ridePrefix;
    private final ArrayDeque<OpenRide>[] waiting;
    private final int[][] recent;
    private final double[] surge;
    private long rideSeq;
    private int minute;

    @SuppressWarnings("unchecked")
    public Dispatcher(City city, Fleet fleet, SurgePricing pricing, int riders, long seed, Producer producer) {
        if (riders < 1) {
            throw new IllegalArgumentException("--riders must be at least 1, got " + riders);
        }
        this.city = city;
        this.fleet = fleet;
        this.pricing = pricing;
        this.riders = riders;
        this.producer = producer;
        this.rng = new SplittableRandom(seed ^ 0xD15_7A7CL);
        this.demandRng = new SplittableRandom(seed ^ 0xDE3A_4DL);
        this.ridePrefix = "r" + Long.toString(seed & 0xFFFFFFFFL, 36) + "-";
        this.waiting = new ArrayDeque[city.size()];
        for (int i = 0; i < city.size(); i++) {
            waiting[i] = new ArrayDeque<>();
        }
        this.recent = new int[city.size()][RECENT_MINUTES];
        this.surge = new double[city.size()];
        java.util.Arrays.fill(surge, 1.0);
    }

    /** Sets each zone's multiplier from its open requests and available drivers; call at the start of a minute. */
    public double[] updateSurge() {
        for (int z = 0; z < surge.length; z++) {
            int open = waiting[z].size();
            for (int count : recent[z]) {
                open += count;
            }
            surge[z] = pricing.multiplier(open, fleet.available(z));
        }
        return surge;
    }

    public double[] surge() {
        return surge;
    }

    public int waiting(int zone) {
        return waiting[zone].size();
    }

    /** Plays the minute starting at {@code tick}: new requests from {@code rates}, matching, cancellations. */
    public void advance(Instant tick, double[] rates, Consumer<Emission> out) {
        long tickMillis = tick.toEpochMilli();
        int slot = minute % RECENT_MINUTES;
        for (int z = 0; z < city.size(); z++) {
            int n = DemandModel.poisson(rates[z], demandRng);
            recent[z][slot] = n;
            for (int i = 0; i < n; i++) {
                OpenRide ride = request(z, tickMillis + demandRng.nextInt(60_000), rates);
                waiting[z].addLast(ride);
                out.accept(emission(event(ride, RideEventType.RIDE_REQUESTED, ride.requestedAtMillis, null)));
            }
        }
        for (int z = 0; z < city.size(); z++) {
            match(z, tickMillis, out);
        }
        minute++;
    }

    private OpenRide request(int zone, long at, double[] rates) {
        CityZone from = city.zone(zone);
        int to = dropoffZone(zone, rates);
        GeoPoint pickup = from.randomPoint(demandRng);
        GeoPoint dropoff = city.zone(to).randomPoint(demandRng);
        double km = Math.max(0.5, ZoneGeometry.distanceKm(pickup, dropoff) * 1.3 + 0.3);
        VehicleType product = PRODUCTS[demandRng.nextInt(PRODUCTS.length)];
        double minutes = km / speedKmh(at) * 60;
        double s = surge[zone];
        String riderId = riderId(1 + demandRng.nextInt(riders));
        return new OpenRide(
                ridePrefix + (++rideSeq),
                riderId,
                zone,
                to,
                pickup,
                dropoff,
                product,
                payment(),
                at,
                s,
                round3(km),
                fares.quote(km, minutes, s, product));
    }

    /** Destinations: half stay close (same zone or a neighbour), the rest go where demand is, like a gravity model. */
    private int dropoffZone(int zone, double[] rates) {
        if (demandRng.nextDouble() < 0.5) {
            int[] neighbours = city.neighbourIndexes(zone);
            int k = demandRng.nextInt(neighbours.length + 1);
            return k == neighbours.length ? zone : neighbours[k];
        }
        double total = 0;
        for (double r : rates) {
            total += r;
        }
        double x = demandRng.nextDouble() * total;
        for (int z = 0; z < rates.length; z++) {
            x -= rates[z];
            if (x < 0) {
                return z;
            }
        }
        return rates.length - 1;
    }

    private PaymentMethod payment() {
        double u = demandRng.nextDouble();
        return u < 0.65
                ? PaymentMethod.CARD
                : u < 0.85 ? PaymentMethod.WALLET : u < 0.97 ? PaymentMethod.CASH : PaymentMethod.CORPORATE;
    }

    private void match(int zone, long tickMillis, Consumer<Emission> out) {
        Iterator<OpenRide> it = waiting[zone].iterator();
        while (it.hasNext()) {
            OpenRide ride = it.next();
            DriverState driver = findDriver(zone);
            if (driver != null) {
                it.remove();
                play(ride, driver, Math.max(ride.requestedAtMillis, tickMillis) + 5_000 + rng.nextInt(35_000), out);
                continue;
            }
            double waitedMinutes = (tickMillis - ride.requestedAtMillis) / 60_000.0;
            if (waitedMinutes >= CancellationModel.GIVE_UP_MINUTES) {
                it.remove();
                cancel(ride, null, CancelledBy.SYSTEM, "no_driver_available", tickMillis + rng.nextInt(60_000), out);
            } else if (waitedMinutes >= 1 && rng.nextDouble() < cancellations.unassignedPerMinute(ride.surge)) {
                it.remove();
                cancel(ride, null, CancelledBy.RIDER, "no_driver_yet", tickMillis + rng.nextInt(60_000), out);
            }
        }
    }

    private DriverState findDriver(int zone) {
        DriverState d = fleet.takeAvailable(zone);
        if (d != null) {
            return d;
        }
        int best = -1;
        for (int z : city.neighbourIndexes(zone)) {
            if (fleet.available(z) > 0 && (best < 0 || fleet.available(z) > fleet.available(best))) {
                best = z;
            }
        }
        return best < 0 ? null : fleet.takeAvailable(best);
    }

    private void play(OpenRide ride, DriverState driver, long assignedAt, Consumer<Emission> out) {
        double approachKm = ZoneGeometry.distanceKm(city.zone(driver.zone()).centroid(), ride.pickup) * 1.3 + 0.3;
        double etaMinutes = 1.0 + approachKm / speedKmh(assignedAt) * 60;
        long eta = Math.round(etaMinutes * 60_000);
        out.accept(emission(event(ride, RideEventType.DRIVER_ASSIGNED, assignedAt, driver)));
        if (rng.nextDouble() < cancellations.afterAssignment(etaMinutes, ride.surge)) {
            long at = assignedAt + (long) (eta * (0.2 + 0.8 * rng.nextDouble()));
            fleet.book(driver, ride.rideId, Long.MAX_VALUE, at / 1000, driver.zone());
            cancel(ride, driver, CancelledBy.RIDER, "driver_too_far", at, out);
            return;
        }
        if (rng.nextDouble() < cancellations.driverCancels()) {
            long at = assignedAt + (long) (eta * rng.nextDouble());
            fleet.book(driver, ride.rideId, Long.MAX_VALUE, at / 1000, driver.zone());
            cancel(ride, driver, CancelledBy.DRIVER, "driver_unavailable", at, out);
            return;
        }
        long arrivedAt = assignedAt + eta;
        long startedAt = arrivedAt + 30_000 + rng.nextInt(120_000);
        double tripMinutes = ride.distanceKm / speedKmh(startedAt) * 60 * (0.85 + 0.3 * rng.nextDouble());
        long completedAt = startedAt + Math.round(tripMinutes * 60_000);
        fleet.book(driver, ride.rideId, startedAt / 1000, completedAt / 1000, ride.dropoffZone);
        out.accept(emission(event(ride, RideEventType.DRIVER_ARRIVED, arrivedAt, driver)));
        out.accept(emission(event(ride, RideEventType.RIDE_STARTED, startedAt, driver)));
        RideEvent done = event(ride, RideEventType.RIDE_COMPLETED, completedAt, driver);
        done.setDropoffZoneId(city.zone(ride.dropoffZone).id());
        done.setDropoff(ride.dropoff);
        done.setDistanceKm(ride.distanceKm);
        done.setFare(
                fares.fare(ride.distanceKm, tripMinutes, ride.surge, ride.product, tolled(ride), ride.payment, rng));
        out.accept(emission(done));
    }

    private boolean tolled(OpenRide ride) {
        CityZone a = city.zone(ride.pickupZone);
        CityZone b = city.zone(ride.dropoffZone);
        if (a.type() == ZoneType.AIRPORT || b.type() == ZoneType.AIRPORT) {
            return rng.nextDouble() < 0.5;
        }
        boolean crossesRiver = !a.borough().equals(b.borough())
                && ("Manhattan".equals(a.borough()) || "Manhattan".equals(b.borough()));
        return crossesRiver && rng.nextDouble() < 0.4;
    }

    private void cancel(
            OpenRide ride, DriverState driver, CancelledBy by, String reason, long at, Consumer<Emission> out) {
        RideEvent e = event(ride, RideEventType.RIDE_CANCELLED, Math.max(at, ride.requestedAtMillis + 1_000), driver);
        e.setCancellation(new Cancellation(by, reason));
        out.accept(emission(e));
    }

    /**
     * The fields every step of a ride carries; steps add theirs (docs: simulator/README.md, "Event fields"). The
     * all-args constructor, not a builder or {@link io.mobility.simulator.contract.Blank}: this runs for every event,
     * and a field added to the contract fails the compilation here instead of going unset.
     */
    private RideEvent event(OpenRide ride, RideEventType type, long at, DriverState driver) {
        String eventId = new UUID(rng.nextLong(), rng.nextLong()).toString();
        boolean requested = type == RideEventType.RIDE_REQUESTED;
        return new RideEvent(
                eventId,
                type,
                Instant.ofEpochMilli(at),
                ride.rideId,
                ride.riderId,
                driver == null ? null : driver.id(),
                city.zone(ride.pickupZone).id(),
                ride.pickup,
                requested ? city.zone(ride.dropoffZone).id() : null,
                requested ? ride.dropoff : null,
                ride.product,
                requested ? ride.quote : null,
                ride.surge,
                null,
                null,
                ride.payment,
                null,
                producer,
                null);
    }

    private static Emission emission(RideEvent e) {
        return new Emission(
                Topics.RIDE_EVENTS_RAW.name(),
                e.getRideId(),
                e,
                e.getEventTime().toEpochMilli());
    }

    /** Average street speed: slow at rush hours, fast at night. */
    static double speedKmh(long atMillis) {
        int hour = CityCalendar.local(Instant.ofEpochMilli(atMillis)).getHour();
        if ((hour >= 7 && hour < 10) || (hour >= 16 && hour < 19)) {
            return 14;
        }
        return hour >= 22 || hour < 6 ? 30 : 20;
    }

    /** Rider ids as the riders topic has them: U and six digits. */
    public static String riderId(int n) {
        String digits = Integer.toString(n);
        return "U" + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
