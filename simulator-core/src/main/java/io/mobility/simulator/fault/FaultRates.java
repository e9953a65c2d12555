package io.mobility.simulator.fault;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Probability per eligible ride event of each fault kind; at most one fault hits an event. */
public final class FaultRates {

    private final Map<FaultKind, Double> rates;
    private final double[] byOrdinal = new double[FaultKind.values().length];
    private final boolean any;

    private FaultRates(Map<FaultKind, Double> rates) {
        double total = 0;
        for (var e : rates.entrySet()) {
            double r = e.getValue();
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException(e.getKey().option() + " must be between 0 and 1, got " + r);
            }
            total += r;
        }
        if (total > 0.5) {
            throw new IllegalArgumentException("fault rates add up to " + total
                    + "; keep their sum at or below 0.5 so that most events stay clean");
        }
        this.rates = Collections.unmodifiableMap(new EnumMap<>(rates));
        rates.forEach((k, r) -> byOrdinal[k.ordinal()] = r);
        this.any = total > 0;
    }

    public static FaultRates none() {
        return new FaultRates(new EnumMap<>(FaultKind.class));
    }

    public static FaultRates all(double rate) {
        Map<FaultKind, Double> m = new EnumMap<>(FaultKind.class);
        for (FaultKind k : FaultKind.values()) {
            m.put(k, rate);
        }
        return new FaultRates(m);
    }

    public FaultRates with(FaultKind kind, double rate) {
        Map<FaultKind, Double> m = new EnumMap<>(FaultKind.class);
        m.putAll(rates);
        m.put(kind, rate);
        return new FaultRates(m);
    }

    public double rate(FaultKind kind) {
        return byOrdinal[kind.ordinal()];
    }

    public boolean any() {
        return any;
    }
}
