package io.mobility.streams;

import io.mobility.events.Producer;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Cancellation;
import io.mobility.events.ride.CancelledBy;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.VehicleType;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Valid events of a small two-zone city, for tests to break one rule at a time. */
public final class Events {

    public static final Producer PRODUCER = new Producer("test", "1", null);
    /** Midtown: lat 40.75..40.77, lon -74.00..-73.98. */
    public static final String MIDTOWN = "161";
    /** JFK Airport: lat 40.62..40.67, lon -73.82..-73.74. */
    public static final String JFK = "132";

    private Events() {}

    public static List<Zone> zones() {
        return List.of(
                zone(MIDTOWN, "Midtown Center", "Manhattan", ZoneType.BUSINESS, 40.75, -74.00, 40.77, -73.98),
                zone(JFK, "JFK Airport", "Queens", ZoneType.AIRPORT, 40.62, -73.82, 40.67, -73.74));
    }

    static Zone zone(
            String id,
            String name,
            String borough,
            ZoneType type,
            double minLat,
            double minLon,
            double maxLat,
            double maxLon) {
        return Zone.newBuilder()
                .setZoneId(id)
                .setName(name)
                .setBorough(borough)
                .setZoneType(type)
                .setCentroid(new GeoPoint((minLat + maxLat) / 2, (minLon + maxLon) / 2))
                .setBoundingBox(new BoundingBox(minLat, minLon, maxLat, maxLon))
                .setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }

    public static GeoPoint inMidtown() {
        return new GeoPoint(40.76, -73.99);
    }

    public static GeoPoint inJfk() {
        return new GeoPoint(40.64, -73.78);
    }

    public static RideEvent.Builder base(String eventId, RideEventType type, String rideId, Instant at) {
        return RideEvent.newBuilder()
                .setEventId(eventId)
                .setEventType(type)
                .setEventTime(at)
                .setRideId(rideId)
                .setRiderId("rider-" + rideId)
                .setProducer(PRODUCER);
    }

    public static RideEvent requested(String rideId, Instant at) {
        return base(rideId + "-req", RideEventType.RIDE_REQUESTED, rideId, at)
                .setPickupZoneId(MIDTOWN)
                .setPickup(inMidtown())
                .setDropoffZoneId(JFK)
                .setVehicleType(VehicleType.ECONOMY)
                .setQuotedFare(new BigDecimal("52.50"))
                .setSurgeMultiplier(1.5)
                .build();
    }

    public static RideEvent withDriver(String rideId, RideEventType type, String suffix, Instant at) {
        return base(rideId + "-" + suffix, type, rideId, at)
                .setDriverId("driver-" + rideId)
                .build();
    }

    public static RideEvent completed(String rideId, Instant at) {
        return base(rideId + "-done", RideEventType.RIDE_COMPLETED, rideId, at)
                .setDriverId("driver-" + rideId)
                .setDropoffZoneId(JFK)
                .setDropoff(inJfk())
                .setDistanceKm(24.5)
                .setPaymentMethod(PaymentMethod.CARD)
                .setFare(fare("48.00"))
                .build();
    }

    public static RideEvent cancelled(String rideId, Instant at) {
        return base(rideId + "-cancel", RideEventType.RIDE_CANCELLED, rideId, at)
                .setCancellation(new Cancellation(CancelledBy.RIDER, "changed_mind"))
                .build();
    }

    public static Fare fare(String total) {
        BigDecimal t = new BigDecimal(total);
        return Fare.newBuilder()
                .setBase(new BigDecimal("3.00"))
                .setDistance(t.subtract(new BigDecimal("10.00")))
                .setTime(new BigDecimal("4.00"))
                .setSurge(new BigDecimal("3.00"))
                .setTolls(BigDecimal.ZERO.setScale(2))
                .setTip(BigDecimal.ZERO.setScale(2))
                .setTotal(t)
                .setCurrency("USD")
                .build();
    }

    /** The whole happy lifecycle of a ride, in order: requested at {@code start}, completed 30 minutes later. */
    public static List<RideEvent> lifecycle(String rideId, Instant start) {
        List<RideEvent> events = new ArrayList<>();
        events.add(requested(rideId, start));
        events.add(withDriver(rideId, RideEventType.DRIVER_ASSIGNED, "assigned", start.plusSeconds(30)));
        events.add(withDriver(rideId, RideEventType.DRIVER_ARRIVED, "arrived", start.plusSeconds(330)));
        events.add(withDriver(rideId, RideEventType.RIDE_STARTED, "started", start.plusSeconds(400)));
        events.add(completed(rideId, start.plusSeconds(1800)));
        return events;
    }

    public static DriverEvent ping(String eventId, String driverId, String zone, DriverStatus status, Instant at) {
        return DriverEvent.newBuilder()
                .setEventId(eventId)
                .setEventType(DriverEventType.DRIVER_PING)
                .setEventTime(at)
                .setDriverId(driverId)
                .setStatus(status)
                .setZoneId(zone)
                .setLocation(MIDTOWN.equals(zone) ? inMidtown() : inJfk())
                .setVehicleType(VehicleType.ECONOMY)
                .setProducer(PRODUCER)
                .build();
    }
}
