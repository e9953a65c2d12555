package io.mobility.streams.zone;

import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import io.mobility.streams.ride.PreviousRideState;
import io.mobility.streams.ride.RideTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * What a ride's fold step means for its pickup zone. Each fact is signalled once, the first time the state has both
 * the pickup zone and that fact, so a late REQUESTED event still lands its completed ride in the right zone.
 */
public final class ZoneSignals {

    private ZoneSignals() {}

    public static List<KeyValue<String, ZoneSignal>> of(RideTransition transition) {
        PreviousRideState before = transition.before();
        RideState after = transition.after();
        String zone = after.getPickupZoneId();
        if (zone == null) {
            return List.of();
        }
        boolean zoneKnownBefore = before.pickupZoneId() != null;
        List<KeyValue<String, ZoneSignal>> signals = new ArrayList<>(2);
        if (newly(zoneKnownBefore, before.requestedAt(), after.getRequestedAt())) {
            Double surge = after.getSurgeMultiplier();
            signals.add(KeyValue.pair(
                    zone,
                    new ZoneSignal(
                            ZoneSignal.Kind.REQUESTED,
                            after.getRequestedAt().toEpochMilli(),
                            surge == null ? Double.NaN : surge,
                            after.getStatus() == RideStatus.REQUESTED ? 1 : 0)));
        } else if (zoneKnownBefore
                && before.requestedAt() != null
                && before.status() == RideStatus.REQUESTED
                && after.getStatus() != RideStatus.REQUESTED) {
            signals.add(KeyValue.pair(
                    zone,
                    new ZoneSignal(
                            ZoneSignal.Kind.REQUEST_CLOSED,
                            after.getRequestedAt().toEpochMilli(),
                            Double.NaN,
                            0)));
        }
        if (newly(zoneKnownBefore, before.completedAt(), after.getCompletedAt())) {
            signals.add(KeyValue.pair(
                    zone,
                    new ZoneSignal(
                            ZoneSignal.Kind.COMPLETED, after.getCompletedAt().toEpochMilli(), Double.NaN, 0)));
        }
        if (newly(zoneKnownBefore, before.cancelledAt(), after.getCancelledAt())) {
            signals.add(KeyValue.pair(
                    zone,
                    new ZoneSignal(
                            ZoneSignal.Kind.CANCELLED, after.getCancelledAt().toEpochMilli(), Double.NaN, 0)));
        }
        return signals;
    }

    private static boolean newly(boolean zoneKnownBefore, Instant before, Instant after) {
        return after != null && !(zoneKnownBefore && before != null);
    }
}
