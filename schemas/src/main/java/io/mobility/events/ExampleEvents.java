package io.mobility.events;

import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.Cancellation;
import io.mobility.events.ride.CancelledBy;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import io.mobility.events.ride.VehicleType;
import io.mobility.events.rider.Rider;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneState;
import io.mobility.events.zone.ZoneType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated example of every record in the contract: what docs, tests and the demo send to show that a
 * type goes through a component intact.
 */
public final class ExampleEvents {

    public static final Instant T0 = Instant.parse("2019-01-15T08:30:00Z");
    public static final Producer PRODUCER = Producer.newBuilder()
            .setName("example")
            .setVersion("1.0")
            .setInstance("docs")
            .build();

    private ExampleEvents() {}

    public static RideEvent ride(RideEventType type) {
        RideEvent.Builder event = RideEvent.newBuilder()
                .setEventId("evt-" + type.name().toLowerCase())
                .setEventType(type)
                .setEventTime(T0.plusSeconds(type.ordinal() * 60L))
                .setRideId("ride-1")
                .setRiderId("rider-7")
                .setPickupZoneId("132")
                .setPickup(point(40.6413, -73.7781))
                .setDropoffZoneId("230")
                .setDropoff(point(40.7590, -73.9845))
                .setVehicleType(VehicleType.COMFORT)
                .setQuotedFare(money("52.30"))
                .setSurgeMultiplier(1.4)
                .setPaymentMethod(PaymentMethod.CARD)
                .setProducer(PRODUCER);
        if (type.ordinal() >= RideEventType.DRIVER_ASSIGNED.ordinal()) {
            event.setDriverId("driver-3");
        }
        if (type == RideEventType.RIDE_COMPLETED) {
            event.setDistanceKm(28.4).setFare(fare());
        }
        if (type == RideEventType.RIDE_CANCELLED) {
            event.setCancellation(new Cancellation(CancelledBy.RIDER, "changed_plans"));
        }
        return event.build();
    }

    public static Fare fare() {
        return Fare.newBuilder()
                .setBase(money("2.50"))
                .setDistance(money("31.20"))
                .setTime(money("9.80"))
                .setSurge(money("6.10"))
                .setTolls(money("6.12"))
                .setTip(money("10.00"))
                .setTotal(money("65.72"))
                .setCurrency("USD")
                .build();
    }

    public static List<SpecificRecord> everyType() {
        List<SpecificRecord> records = new java.util.ArrayList<>();
        for (RideEventType type : RideEventType.values()) {
            if (type != RideEventType.UNKNOWN) {
                records.add(ride(type));
            }
        }
        for (DriverEventType type :
                List.of(DriverEventType.DRIVER_ONLINE, DriverEventType.DRIVER_PING, DriverEventType.DRIVER_OFFLINE)) {
            records.add(DriverEvent.newBuilder()
                    .setEventId("drv-" + type)
                    .setEventType(type)
                    .setEventTime(T0)
                    .setDriverId("driver-3")
                    .setStatus(DriverStatus.AVAILABLE)
                    .setZoneId("132")
                    .setLocation(point(40.64, -73.77))
                    .setVehicleType(VehicleType.XL)
                    .setRideId(null)
                    .setProducer(PRODUCER)
                    .build());
        }
        records.add(Zone.newBuilder()
                .setZoneId("132")
                .setName("JFK Airport")
                .setBorough("Queens")
                .setServiceZone("Airports")
                .setZoneType(ZoneType.AIRPORT)
                .setCentroid(point(40.6413, -73.7781))
                .setBoundingBox(new BoundingBox(40.62, -73.82, 40.66, -73.74))
                .setNeighbours(List.of("10", "219"))
                .setUpdatedAt(T0)
                .build());
        records.add(Driver.newBuilder()
                .setDriverId("driver-3")
                .setVehicleType(VehicleType.XL)
                .setRating(4.87)
                .setSignupDate(LocalDate.of(2017, 3, 1))
                .setHomeZoneId("7")
                .setUpdatedAt(T0)
                .build());
        records.add(Rider.newBuilder()
                .setRiderId("rider-7")
                .setSignupDate(LocalDate.of(2018, 6, 30))
                .setHomeZoneId("230")
                .setRating(4.9)
                .setUpdatedAt(T0)
                .build());
        records.add(QuarantineRecord.newBuilder()
                .setSourceTopic("mobility.ride-events.raw")
                .setSourcePartition(2)
                .setSourceOffset(1234L)
                .setSourceTimestamp(T0)
                .setKey(ByteBuffer.wrap(new byte[] {1, 2}))
                .setValue(ByteBuffer.wrap(new byte[] {9, 9, 9}))
                .setReasonCode("BAD_MAGIC_BYTE")
                .setMessage("first byte is 0x09")
                .setEventId(null)
                .setDetectedBy("streams-app")
                .setQuarantinedAt(T0)
                .build());
        records.add(RideState.newBuilder()
                .setRideId("ride-1")
                .setStatus(RideStatus.COMPLETED)
                .setRiderId("rider-7")
                .setDriverId("driver-3")
                .setVehicleType(VehicleType.COMFORT)
                .setPickupZoneId("132")
                .setPickupZoneName("JFK Airport")
                .setPickupBorough("Queens")
                .setPickup(point(40.6413, -73.7781))
                .setDropoffZoneId("230")
                .setDropoffZoneName("Times Sq/Theatre District")
                .setDropoffBorough("Manhattan")
                .setDropoff(point(40.759, -73.9845))
                .setRequestedAt(T0)
                .setAssignedAt(T0.plusSeconds(30))
                .setArrivedAt(T0.plusSeconds(300))
                .setStartedAt(T0.plusSeconds(360))
                .setCompletedAt(T0.plusSeconds(2400))
                .setWaitSeconds(300L)
                .setTripSeconds(2040L)
                .setDistanceKm(28.4)
                .setQuotedFare(money("52.30"))
                .setFare(fare())
                .setSurgeMultiplier(1.4)
                .setPaymentMethod(PaymentMethod.CARD)
                .setEventsApplied(5)
                .setLastEventId("evt-ride_completed")
                .setLastEventTime(T0.plusSeconds(2400))
                .setUpdatedAt(T0.plusSeconds(2401))
                .build());
        records.add(ZoneState.newBuilder()
                .setZoneId("132")
                .setWindowMinutes(5)
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(300))
                .setRideRequests(40)
                .setOpenRequests(12)
                .setAvailableDrivers(9)
                .setCompletedRides(20)
                .setCancelledRides(3)
                .setAvgSurgeMultiplier(1.3)
                .setUpdatedAt(T0)
                .build());
        return records;
    }

    private static GeoPoint point(double lat, double lon) {
        return new GeoPoint(lat, lon);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
