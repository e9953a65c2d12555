package io.mobility.simulator.supply;

import io.mobility.events.driver.DriverStatus;
import io.mobility.events.ride.VehicleType;

/** One simulated driver: fixed profile (vehicle, home, shift, days off) and mutable whereabouts. */
public final class DriverState {

    final int index;
    final String id;
    final VehicleType vehicle;
    final int homeZone;
    final int shiftStartHour;
    final int shiftHours;
    final int daysOffMask;
    /** Second of the minute at which this driver's events of a minute happen: drivers spread over the minute. */
    final int secondInMinute;
    /** Minutes (modulo the ping interval) at which this driver pings. */
    final int pingSlot;

    DriverStatus status = DriverStatus.OFFLINE;
    int zone;
    /** Epoch second at which the current trip or approach ends (when busy). */
    long busyUntil;
    /** Epoch second at which the rider is picked up. */
    long pickupAt;
    /** Zone the driver ends up in when the current trip ends. */
    int nextZone;

    String rideId;
    /** Epoch second until which the driver stays on past the shift because demand is high (0 = not extending). */
    long extendedUntil;
    /** Bumped on each change of availability so stale entries in availability queues can be skipped. */
    int availabilityVersion;

    DriverState(
            int index,
            String id,
            VehicleType vehicle,
            int homeZone,
            int shiftStartHour,
            int shiftHours,
            int daysOffMask) {
        this.index = index;
        this.id = id;
        this.vehicle = vehicle;
        this.homeZone = homeZone;
        this.zone = homeZone;
        this.shiftStartHour = shiftStartHour;
        this.shiftHours = shiftHours;
        this.daysOffMask = daysOffMask;
        this.secondInMinute = (int) ((index * 7L) % 60);
        this.pingSlot = index % Fleet.PING_EVERY_MINUTES;
    }

    /**
     * Whether the schedule has this driver working at local hour {@code hour} of weekday {@code dayOfWeek}
     * (1 = Monday); shifts may run past midnight into the next day.
     */
    boolean scheduledAt(int hour, int dayOfWeek) {
        if (hour >= shiftStartHour && hour < shiftStartHour + shiftHours) {
            return worksOn(dayOfWeek);
        }
        int end = shiftStartHour + shiftHours;
        return end > 24 && hour < end - 24 && worksOn(dayOfWeek == 1 ? 7 : dayOfWeek - 1);
    }

    private boolean worksOn(int dayOfWeek) {
        return (daysOffMask & (1 << (dayOfWeek - 1))) == 0;
    }

    public String id() {
        return id;
    }

    public VehicleType vehicle() {
        return vehicle;
    }

    public DriverStatus status() {
        return status;
    }

    public int zone() {
        return zone;
    }

    public int homeZone() {
        return homeZone;
    }
}
