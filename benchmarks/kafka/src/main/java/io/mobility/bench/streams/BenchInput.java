package io.mobility.bench.streams;

import io.mobility.events.Producer;
import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.VehicleType;
import io.mobility.events.zone.Zone;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic stream of realistic events for the benchmark: ride lifecycles over a grid of zones, one driver
 * ping per ride event, and a little dirt (duplicates, unknown zones, negative fares) so every path of the topology
 * is exercised.
 */
final class BenchInput {

    static final int ZONES = 50;
    static final int DRIVERS = 5000;
    private static final Producer PRODUCER = new Producer("bench", "1", null);

    private BenchInput() {}

    static List<Zone> zones() {
        List<Zone> zones = new ArrayList<>();
        for (int z = 1; z <= ZONES; z++) {
            double lat = 40.5 + (z / 10) * 0.05;
            double lon = -74.2 + (z % 10) * 0.05;
            zones.add(Zone.newBuilder()
                    .setZoneId(String.valueOf(z))
                    .setName("Zone " + z)
                    .setBorough("Borough " + (z % 5))
                    .setCentroid(new GeoPoint(lat + 0.025, lon + 0.025))
                    .setBoundingBox(new BoundingBox(lat, lon, lat + 0.05, lon + 0.05))
                    .setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                    .build());
        }
        return zones;
    }

    /** The drivers table: every driver the events name, so the ride fold finds each one's vehicle type. */
    static List<Driver> drivers() {
        VehicleType[] types = {VehicleType.ECONOMY, VehicleType.COMFORT, VehicleType.XL};
        List<Driver> drivers = new ArrayList<>();
        for (int d = 0; d < DRIVERS; d++) {
            drivers.add(Driver.newBuilder()
                    .setDriverId(driverId(d))
                    .setVehicleType(types[d % types.length])
                    .setSignupDate(LocalDate.parse("2025-01-01"))
                    .setHomeZoneId(String.valueOf(1 + d % ZONES))
                    .setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                    .build());
        }
        return drivers;
    }

    private static String driverId(int driver) {
        return "bench-driver-" + driver;
    }

    /** Calls {@code sink} with {@code events} ride and driver events, about half each. */
    static void generate(int events, Instant start, Sink sink) {
        Random random = new Random(1);
        RideEventType[] steps = {
            RideEventType.RIDE_REQUESTED,
            RideEventType.DRIVER_ASSIGNED,
            RideEventType.DRIVER_ARRIVED,
            RideEventType.RIDE_STARTED,
            RideEventType.RIDE_COMPLETED
        };
        int sent = 0;
        for (int ride = 0; sent < events; ride++) {
            String rideId = "bench-ride-" + ride;
            String driverId = driverId(ride % DRIVERS);
            int zone = 1 + random.nextInt(ZONES);
            Instant at = start.plusMillis(ride * 50L);
            for (int s = 0; s < steps.length && sent < events; s++, sent++) {
                RideEvent event = ride(rideId, driverId, steps[s], zone, at.plusSeconds(s * 120L), random);
                sink.ride(rideId, event);
                if (random.nextInt(100) == 0) {
                    sink.ride(rideId, event); // a duplicate
                    sent++;
                }
                if (sent + 1 < events) {
                    sink.driver(driverId, ping(driverId, ride, s, zone, at.plusSeconds(s * 120L)));
                    sent++;
                }
            }
        }
    }

    private static RideEvent ride(
            String rideId, String driverId, RideEventType type, int zone, Instant at, Random random) {
        RideEvent.Builder b = RideEvent.newBuilder()
                .setEventId(rideId + "-" + type.ordinal())
                .setEventType(type)
                .setEventTime(at)
                .setRideId(rideId)
                .setRiderId("rider-" + rideId.hashCode() % 10000)
                .setProducer(PRODUCER);
        if (type != RideEventType.RIDE_REQUESTED) {
            b.setDriverId(driverId);
        }
        if (type == RideEventType.RIDE_REQUESTED) {
            b.setPickupZoneId(random.nextInt(200) == 0 ? "999" : String.valueOf(zone))
                    .setPickup(centre(zone))
                    .setDropoffZoneId(String.valueOf(1 + (zone + 7) % ZONES))
                    .setVehicleType(VehicleType.ECONOMY)
                    .setQuotedFare(new BigDecimal("23.40"))
                    .setSurgeMultiplier(1.0 + random.nextInt(10) / 10.0);
        }
        if (type == RideEventType.RIDE_COMPLETED) {
            BigDecimal total = new BigDecimal(random.nextInt(200) == 0 ? "-21.90" : "21.90");
            b.setDropoffZoneId(String.valueOf(1 + (zone + 7) % ZONES))
                    .setDistanceKm(6.2)
                    .setPaymentMethod(PaymentMethod.CARD)
                    .setFare(Fare.newBuilder()
                            .setBase(new BigDecimal("3.00"))
                            .setDistance(new BigDecimal("12.40"))
                            .setTime(new BigDecimal("4.50"))
                            .setSurge(new BigDecimal("2.00"))
                            .setTolls(new BigDecimal("0.00"))
                            .setTip(new BigDecimal("0.00"))
                            .setTotal(total)
                            .setCurrency("USD")
                            .build());
        }
        return b.build();
    }

    private static DriverEvent ping(String driverId, int ride, int step, int zone, Instant at) {
        return DriverEvent.newBuilder()
                .setEventId("ping-" + ride + "-" + step)
                .setEventType(DriverEventType.DRIVER_PING)
                .setEventTime(at)
                .setDriverId(driverId)
                .setStatus(step == 4 ? DriverStatus.AVAILABLE : DriverStatus.ON_TRIP)
                .setZoneId(String.valueOf(zone))
                .setLocation(centre(zone))
                .setVehicleType(VehicleType.ECONOMY)
                .setRideId("bench-ride-" + ride)
                .setProducer(PRODUCER)
                .build();
    }

    private static GeoPoint centre(int zone) {
        return new GeoPoint(40.5 + (zone / 10) * 0.05 + 0.025, -74.2 + (zone % 10) * 0.05 + 0.025);
    }

    interface Sink {
        void ride(String key, RideEvent event);

        void driver(String key, DriverEvent event);
    }
}
