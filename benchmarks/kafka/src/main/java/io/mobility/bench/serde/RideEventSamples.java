package io.mobility.bench.serde;

import io.mobility.events.Producer;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.VehicleType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Ride events for benchmarks: deterministic for a seed, of every lifecycle step, as varied as real ones. */
public final class RideEventSamples {

    private RideEventSamples() {}

    /** Builds distinct ride events of every lifecycle step, as varied as real ones. */
    public static List<RideEvent> rideEvents(int count, long seed) {
        Random random = new Random(seed);
        RideEventType[] types = Arrays.stream(RideEventType.values())
                .filter(t -> t != RideEventType.UNKNOWN)
                .toArray(RideEventType[]::new);
        Producer producer =
                Producer.newBuilder().setName("bench").setVersion("1").build();
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        List<RideEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RideEventType type = types[i % types.length];
            RideEvent.Builder event = RideEvent.newBuilder()
                    .setEventId("evt-" + Long.toHexString(random.nextLong()))
                    .setEventType(type)
                    .setEventTime(start.plusMillis(i * 250L))
                    .setRideId("ride-" + (i / types.length))
                    .setRiderId("rider-" + random.nextInt(50_000))
                    .setPickupZoneId(Integer.toString(1 + random.nextInt(263)))
                    .setPickup(new GeoPoint(40.5 + random.nextDouble() * 0.4, -74.1 + random.nextDouble() * 0.4))
                    .setDropoffZoneId(Integer.toString(1 + random.nextInt(263)))
                    .setDropoff(new GeoPoint(40.5 + random.nextDouble() * 0.4, -74.1 + random.nextDouble() * 0.4))
                    .setVehicleType(VehicleType.values()[1 + random.nextInt(VehicleType.values().length - 1)])
                    .setQuotedFare(money(5 + random.nextDouble() * 60))
                    .setSurgeMultiplier(1.0 + random.nextInt(10) / 10.0)
                    .setPaymentMethod(PaymentMethod.CARD)
                    .setProducer(producer);
            if (type != RideEventType.RIDE_REQUESTED) {
                event.setDriverId("driver-" + random.nextInt(5_000));
            }
            if (type == RideEventType.RIDE_COMPLETED) {
                BigDecimal base = money(2.5);
                BigDecimal distance = money(random.nextDouble() * 40);
                BigDecimal time = money(random.nextDouble() * 15);
                BigDecimal tip = money(random.nextDouble() * 8);
                event.setDistanceKm(random.nextDouble() * 25)
                        .setFare(Fare.newBuilder()
                                .setBase(base)
                                .setDistance(distance)
                                .setTime(time)
                                .setSurge(money(0))
                                .setTolls(money(0))
                                .setTip(tip)
                                .setTotal(base.add(distance).add(time).add(tip))
                                .setCurrency("USD")
                                .build());
            }
            events.add(event.build());
        }
        return events;
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }
}
