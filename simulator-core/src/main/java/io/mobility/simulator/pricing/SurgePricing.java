package io.mobility.simulator.pricing;

/**
 * The surge rule: demand pressure is open requests (waiting plus recently requested) per available driver; at or
 * below one driver per request there is no surge, above it the multiplier grows linearly and is capped. Multipliers
 * are rounded to a tenth, as apps show them.
 */
public final class SurgePricing {

    public static final double DEFAULT_CAP = 3.0;
    public static final double DEFAULT_SENSITIVITY = 0.25;

    private final double cap;
    private final double sensitivity;

    public SurgePricing(double cap, double sensitivity) {
        if (cap < 1.0) {
            throw new IllegalArgumentException("surge cap must be at least 1.0, got " + cap);
        }
        if (sensitivity < 0) {
            throw new IllegalArgumentException("surge sensitivity must not be negative, got " + sensitivity);
        }
        this.cap = cap;
        this.sensitivity = sensitivity;
    }

    public SurgePricing() {
        this(DEFAULT_CAP, DEFAULT_SENSITIVITY);
    }

    public double multiplier(int openRequests, int availableDrivers) {
        double pressure = openRequests / (availableDrivers + 1.0);
        double raw = 1.0 + sensitivity * Math.max(0.0, pressure - 1.0);
        return Math.round(Math.min(cap, raw) * 10) / 10.0;
    }

    public double cap() {
        return cap;
    }
}
