package io.mobility.simulator.demand;

/** The day's weather: bad weather sends more people to ride-hailing and keeps some drivers at home. */
public enum Weather {
    CLEAR(1.0, 1.0),
    RAIN(1.25, 0.95),
    SNOW(1.35, 0.8);

    private final double demandFactor;
    private final double supplyFactor;

    Weather(double demandFactor, double supplyFactor) {
        this.demandFactor = demandFactor;
        this.supplyFactor = supplyFactor;
    }

    public double demandFactor() {
        return demandFactor;
    }

    /** Share of drivers who still work their shift. */
    public double supplyFactor() {
        return supplyFactor;
    }
}
