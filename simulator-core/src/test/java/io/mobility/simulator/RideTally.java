package io.mobility.simulator;

import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.zone.ZoneType;
import io.mobility.simulator.city.City;
import io.mobility.simulator.demand.CityCalendar;
import io.mobility.simulator.sink.EventSink;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** A sink that keeps only the aggregates the behaviour tests look at, so weeks of events need no memory. */
final class RideTally implements EventSink {

    private final City city;
    final Map<ZoneType, long[]> requestsByHour = new EnumMap<>(ZoneType.class);
    final Map<ZoneType, long[]> requestsByWeekday = new EnumMap<>(ZoneType.class);
    final Map<RideEventType, Long> byType = new EnumMap<>(RideEventType.class);
    private final Map<String, Long> requestedAt = new HashMap<>();
    double surgeSum;
    long surged;
    long waitMillisSum;
    long waits;

    RideTally(City city) {
        this.city = city;
        for (ZoneType t : ZoneType.values()) {
            requestsByHour.put(t, new long[24]);
            requestsByWeekday.put(t, new long[7]);
        }
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        if (!(value instanceof RideEvent e)) {
            return;
        }
        byType.merge(e.getEventType(), 1L, Long::sum);
        switch (e.getEventType()) {
            case RIDE_REQUESTED -> {
                ZoneType type = city.find(e.getPickupZoneId()).orElseThrow().type();
                LocalDateTime local = CityCalendar.local(e.getEventTime());
                requestsByHour.get(type)[local.getHour()]++;
                requestsByWeekday.get(type)[local.getDayOfWeek().getValue() - 1]++;
                surgeSum += e.getSurgeMultiplier();
                if (e.getSurgeMultiplier() > 1.0) {
                    surged++;
                }
                requestedAt.put(e.getRideId(), e.getEventTime().toEpochMilli());
            }
            case DRIVER_ARRIVED -> {
                waitMillisSum += e.getEventTime().toEpochMilli() - requestedAt.get(e.getRideId());
                waits++;
            }
            case RIDE_COMPLETED, RIDE_CANCELLED -> requestedAt.remove(e.getRideId());
            default -> {}
        }
    }

    long count(RideEventType type) {
        return byType.getOrDefault(type, 0L);
    }

    double meanSurge() {
        return surgeSum / count(RideEventType.RIDE_REQUESTED);
    }

    double surgedShare() {
        return (double) surged / count(RideEventType.RIDE_REQUESTED);
    }

    double cancelledShare() {
        return (double) count(RideEventType.RIDE_CANCELLED) / count(RideEventType.RIDE_REQUESTED);
    }

    double meanWaitMinutes() {
        return waitMillisSum / 60_000.0 / waits;
    }

    @Override
    public void sendRaw(String topic, String key, byte[] value) {}
}
