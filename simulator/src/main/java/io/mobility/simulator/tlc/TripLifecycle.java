package io.mobility.simulator.tlc;

import io.mobility.events.Producer;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.VehicleType;
import io.mobility.simulator.city.ZoneGeometry;
import io.mobility.simulator.city.ZoneLookup;
import io.mobility.simulator.contract.Blank;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The ride events of one TLC trip: requested 2 to 8 minutes before pickup, a driver assigned 20 to 90 seconds
 * later, started at pickup, completed at dropoff with the record's amounts. Local New York times become UTC. Offsets
 * and ids derive from the ride id, so a replay of the same file sends the same events (same event ids).
 *
 * <p>The TLC publishes no rider or driver: every trip has rider {@value #RIDER_ID} and driver
 * {@code tlc-vendor-<VendorID>} (the meter's provider). Coordinates are the zones' synthetic centroids. Fare mapping:
 * {@code base} = fare_amount plus every surcharge and tax, {@code distance}, {@code time}, {@code surge} = 0 (the
 * meter does not split them), {@code tolls}, {@code tip} and {@code total} as recorded.
 */
public final class TripLifecycle {

    public static final String RIDER_ID = "tlc-anonymous";
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final Producer producer;
    private final ZoneLookup zones;

    public TripLifecycle(Producer producer, ZoneLookup zones) {
        this.producer = producer;
        this.zones = zones;
    }

    public static String rideId(TlcTrip trip) {
        String stem = trip.source().replaceFirst("\\.[^.]+$", "");
        return "tlc-" + trip.color().name().toLowerCase(Locale.ROOT) + "-" + stem + "-" + trip.row();
    }

    /** New York local time to UTC; in the autumn overlap the earlier offset, in the spring gap the later time. */
    public static Instant utc(LocalDateTime local) {
        return local.atZone(NEW_YORK).toInstant();
    }

    public List<RideEvent> events(TlcTrip trip) {
        String rideId = rideId(trip);
        long h = UUID.nameUUIDFromBytes(rideId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        Instant started = utc(trip.pickup());
        Instant requested = started.minusSeconds(120 + Math.floorMod(h, 361));
        Instant assigned = requested.plusSeconds(20 + Math.floorMod(h >>> 20, 71));
        String driver = "tlc-vendor-" + (trip.vendorId() == null ? "unknown" : trip.vendorId());
        GeoPoint pickup = point(trip.pickupLocationId());
        GeoPoint dropoff = point(trip.dropoffLocationId());

        RideEvent req = base(trip, rideId, RideEventType.RIDE_REQUESTED, requested, null, pickup);
        req.setDropoffZoneId(trip.dropoffLocationId());
        req.setDropoff(dropoff);
        RideEvent asg = base(trip, rideId, RideEventType.DRIVER_ASSIGNED, assigned, driver, pickup);
        RideEvent sta = base(trip, rideId, RideEventType.RIDE_STARTED, started, driver, pickup);
        RideEvent com = base(trip, rideId, RideEventType.RIDE_COMPLETED, utc(trip.dropoff()), driver, pickup);
        com.setDropoffZoneId(trip.dropoffLocationId());
        com.setDropoff(dropoff);
        com.setDistanceKm(
                trip.tripDistanceMiles() == null
                        ? null
                        : Math.round(trip.tripDistanceMiles() * 1.609344 * 1000) / 1000.0);
        com.setFare(new Fare(
                trip.fareAmount().add(trip.otherCharges()),
                ZERO,
                ZERO,
                ZERO,
                trip.tollsAmount(),
                trip.tipAmount(),
                trip.totalAmount(),
                "USD"));
        return List.of(req, asg, sta, com);
    }

    private RideEvent base(
            TlcTrip trip, String rideId, RideEventType type, Instant at, String driver, GeoPoint pickup) {
        RideEvent e = Blank.of(RideEvent.class);
        e.setEventId(UUID.nameUUIDFromBytes((rideId + "/" + type.name()).getBytes(StandardCharsets.UTF_8))
                .toString());
        e.setEventType(type);
        e.setEventTime(at);
        e.setRideId(rideId);
        e.setRiderId(RIDER_ID);
        e.setDriverId(driver);
        e.setPickupZoneId(trip.pickupLocationId());
        e.setPickup(pickup);
        e.setVehicleType(trip.color() == TlcTrip.TaxiColor.GREEN ? VehicleType.GREEN : VehicleType.ECONOMY);
        e.setSurgeMultiplier(1.0);
        e.setPaymentMethod(payment(trip.paymentType()));
        e.setProducer(producer);
        return e;
    }

    private GeoPoint point(String locationId) {
        String borough = zones.find(locationId).map(ZoneLookup.Row::borough).orElse("Unknown");
        return ZoneGeometry.centroid(locationId, borough);
    }

    /** TLC payment_type codes: 1 credit card, 2 cash, 3 no charge, 4 dispute, 5 unknown, 6 voided trip. */
    static PaymentMethod payment(Integer code) {
        if (code == null) {
            return PaymentMethod.UNKNOWN;
        }
        return switch (code) {
            case 1 -> PaymentMethod.CARD;
            case 2 -> PaymentMethod.CASH;
            case 3 -> PaymentMethod.NO_CHARGE;
            case 4 -> PaymentMethod.DISPUTE;
            default -> PaymentMethod.UNKNOWN;
        };
    }
}
