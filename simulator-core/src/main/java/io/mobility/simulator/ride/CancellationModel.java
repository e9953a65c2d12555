package io.mobility.simulator.ride;

/**
 * When riders and drivers give up. A rider still waiting for a driver gives up with a per-minute hazard; once a driver
 * is assigned, the rider cancels with a probability that grows with the announced wait. Both grow with the surge
 * multiplier: a high price makes the wait less worth it. After {@link #GIVE_UP_MINUTES} unassigned the system
 * cancels.
 */
public final class CancellationModel {

    public static final int GIVE_UP_MINUTES = 15;
    static final double UNASSIGNED_HAZARD = 0.03;
    static final double ASSIGNED_BASE = 0.02;
    static final double ASSIGNED_PER_MINUTE = 0.01;
    static final double SURGE_SENSITIVITY = 0.6;
    static final double DRIVER_CANCEL = 0.01;

    /** Probability that a rider without a driver cancels during one more minute of waiting. */
    public double unassignedPerMinute(double surge) {
        return Math.min(0.9, UNASSIGNED_HAZARD * surgeFactor(surge));
    }

    /** Probability that a rider cancels once told the driver is {@code etaMinutes} away. */
    public double afterAssignment(double etaMinutes, double surge) {
        return Math.min(0.9, (ASSIGNED_BASE + ASSIGNED_PER_MINUTE * etaMinutes) * surgeFactor(surge));
    }

    /** Probability that an assigned driver drops the ride before pickup. */
    public double driverCancels() {
        return DRIVER_CANCEL;
    }

    private static double surgeFactor(double surge) {
        return 1.0 + SURGE_SENSITIVITY * Math.max(0.0, surge - 1.0);
    }
}
