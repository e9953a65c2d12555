package io.mobility.simulator.pricing;

import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.VehicleType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * Fares: a base fare, a rate per kilometre and per minute scaled by the product, a surge amount on top of the
 * metered part, tolls when a trip crosses a bridge or serves an airport, and a tip that card and wallet riders
 * usually leave. Every component is rounded to cents and the total is their exact sum.
 */
public final class FareCalculator {

    static final double BASE = 2.50;
    static final double PER_KM = 1.20;
    static final double PER_MINUTE = 0.35;
    static final double MINIMUM = 7.00;
    static final BigDecimal TOLL = new BigDecimal("6.94");
    private static final double[] TIP_SHARES = {0.10, 0.15, 0.18, 0.20, 0.25};

    public static double productFactor(VehicleType type) {
        return switch (type) {
            case COMFORT -> 1.3;
            case XL -> 1.6;
            case PREMIUM -> 2.2;
            default -> 1.0;
        };
    }

    /** Upfront price shown at request time: the metered estimate times the surge, without tolls and tip. */
    public BigDecimal quote(double km, double minutes, double surge, VehicleType type) {
        return cents(metered(km, minutes, type) * surge);
    }

    public Fare fare(
            double km,
            double minutes,
            double surge,
            VehicleType type,
            boolean tolled,
            PaymentMethod payment,
            SplittableRandom rng) {
        double factor = productFactor(type);
        BigDecimal distance = cents(PER_KM * km * factor);
        BigDecimal time = cents(PER_MINUTE * minutes * factor);
        BigDecimal base =
                cents(Math.max(BASE * factor, MINIMUM * factor - distance.doubleValue() - time.doubleValue()));
        BigDecimal metered = base.add(distance).add(time);
        BigDecimal surgeAmount = cents(metered.doubleValue() * (surge - 1.0));
        BigDecimal tolls = tolled ? TOLL : BigDecimal.ZERO.setScale(2);
        BigDecimal tip = BigDecimal.ZERO.setScale(2);
        boolean tips = payment == PaymentMethod.CARD || payment == PaymentMethod.WALLET;
        if (tips && rng.nextDouble() < 0.8) {
            tip = cents(metered.add(surgeAmount).doubleValue() * TIP_SHARES[rng.nextInt(TIP_SHARES.length)]);
        }
        BigDecimal total = metered.add(surgeAmount).add(tolls).add(tip);
        return new Fare(base, distance, time, surgeAmount, tolls, tip, total, "USD");
    }

    private static double metered(double km, double minutes, VehicleType type) {
        double factor = productFactor(type);
        return Math.max(MINIMUM, BASE + PER_KM * km + PER_MINUTE * minutes) * factor;
    }

    /**
     * {@code amount} rounded half up to cents as {@code BigDecimal.valueOf(amount).setScale(2, HALF_UP)} rounds it
     * (the decimal Java prints for the double), without printing it: printing was about 4% of the simulator's
     * generating thread. Only an amount whose hundredfold is within a millionth of a half cent is printed, where
     * the printed decimal and the binary value can round apart (1.005 prints as 1.005, half up to 1.01, though the
     * double is just below it). Elsewhere the two differ by far less than that: under 1e-7 of a cent below a
     * million dollars.
     */
    static BigDecimal cents(double amount) {
        double hundredfold = amount * 100;
        if (amount >= 0 && hundredfold < 1e8) {
            double whole = Math.floor(hundredfold);
            double fraction = hundredfold - whole;
            if (Math.abs(fraction - 0.5) > 1e-6) {
                return BigDecimal.valueOf((long) whole + (fraction > 0.5 ? 1 : 0), 2);
            }
        }
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }
}
