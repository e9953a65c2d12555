package io.mobility.simulator.ride;

import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.VehicleType;
import java.math.BigDecimal;

/** A requested ride while it waits for a driver: what every later event of the ride repeats. */
final class OpenRide {
    final String rideId;
    final String riderId;
    final int pickupZone;
    final int dropoffZone;
    final GeoPoint pickup;
    final GeoPoint dropoff;
    final VehicleType product;
    final PaymentMethod payment;
    final long requestedAtMillis;
    final double surge;
    final double distanceKm;
    final BigDecimal quote;

    OpenRide(
            String rideId,
            String riderId,
            int pickupZone,
            int dropoffZone,
            GeoPoint pickup,
            GeoPoint dropoff,
            VehicleType product,
            PaymentMethod payment,
            long requestedAtMillis,
            double surge,
            double distanceKm,
            BigDecimal quote) {
        this.rideId = rideId;
        this.riderId = riderId;
        this.pickupZone = pickupZone;
        this.dropoffZone = dropoffZone;
        this.pickup = pickup;
        this.dropoff = dropoff;
        this.product = product;
        this.payment = payment;
        this.requestedAtMillis = requestedAtMillis;
        this.surge = surge;
        this.distanceKm = distanceKm;
        this.quote = quote;
    }
}
