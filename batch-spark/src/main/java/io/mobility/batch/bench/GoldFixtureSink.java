package io.mobility.batch.bench;

import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.zone.Zone;
import io.mobility.simulator.sink.EventSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * An in-memory sink that keeps what gold would learn from a simulated run: the zones, one row per ride with its
 * lifecycle times, and per zone and hour the available drivers seen in their pings. Pings come every five minutes
 * (the simulator's fleet), so each AVAILABLE ping stands for five available minutes.
 */
final class GoldFixtureSink implements EventSink {

    static final int PING_MINUTES = 5;

    /** One ride as fact_ride sees it (times in epoch millis, null when the step never happened). */
    static final class Ride {
        final String rideId;
        String zoneId;
        Long requestedAt;
        Long assignedAt;
        Long completedAt;
        Long cancelledAt;
        Double surge;
        java.math.BigDecimal fareTotal;

        Ride(String rideId) {
            this.rideId = rideId;
        }
    }

    /** Available supply of one zone in one hour. */
    static final class Supply {
        final Set<String> drivers = new HashSet<>();
        double availableMinutes;
    }

    record ZoneHour(String zoneId, long hourMillis) {
    }

    final List<Zone> zones = new ArrayList<>();
    final Map<String, Ride> rides = new LinkedHashMap<>();
    final Map<ZoneHour, Supply> supply = new HashMap<>();

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        if (value instanceof Zone zone) {
            zones.add(zone);
        } else if (value instanceof RideEvent e) {
            ride(e);
        } else if (value instanceof DriverEvent e) {
            driver(e);
        }
    }

    private void ride(RideEvent e) {
        Ride ride = rides.computeIfAbsent(e.getRideId(), Ride::new);
        long at = e.getEventTime().toEpochMilli();
        if (e.getPickupZoneId() != null) {
            ride.zoneId = e.getPickupZoneId();
        }
        if (e.getSurgeMultiplier() != null) {
            ride.surge = e.getSurgeMultiplier();
        }
        switch (e.getEventType()) {
            case RIDE_REQUESTED -> ride.requestedAt = at;
            case DRIVER_ASSIGNED -> ride.assignedAt = at;
            case RIDE_COMPLETED -> {
                ride.completedAt = at;
                if (e.getFare() != null) {
                    ride.fareTotal = e.getFare().getTotal();
                }
            }
            case RIDE_CANCELLED -> ride.cancelledAt = at;
            default -> {
            }
        }
    }

    private void driver(DriverEvent e) {
        if (e.getEventType() != DriverEventType.DRIVER_PING || e.getStatus() != DriverStatus.AVAILABLE
                || e.getZoneId() == null) {
            return;
        }
        long hour = e.getEventTime().toEpochMilli() / 3_600_000L * 3_600_000L;
        Supply s = supply.computeIfAbsent(new ZoneHour(e.getZoneId(), hour), k -> new Supply());
        s.drivers.add(e.getDriverId());
        s.availableMinutes += PING_MINUTES;
    }

    @Override
    public void sendRaw(String topic, String key, byte[] value) {
        // Faults are off in the fixtures: raw records never come.
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
