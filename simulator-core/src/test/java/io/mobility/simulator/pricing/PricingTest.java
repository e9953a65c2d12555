package io.mobility.simulator.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.ride.Fare;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.VehicleType;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PricingTest {

    private final SurgePricing surge = new SurgePricing(3.0, 0.25);

    @Test
    void surgeRisesAsAvailableDriversFallForTheSameDemand() {
        double previous = 0;
        for (int drivers = 20; drivers >= 0; drivers--) {
            double m = surge.multiplier(12, drivers);
            assertThat(m).as("12 open requests, %d drivers", drivers).isGreaterThanOrEqualTo(previous);
            previous = m;
        }
        assertThat(surge.multiplier(12, 20)).isEqualTo(1.0);
        assertThat(surge.multiplier(12, 0)).isGreaterThan(3.0 - 1e-9);
    }

    @Test
    void surgeIsCappedAndNeverBelowOne() {
        assertThat(surge.multiplier(10_000, 0)).isEqualTo(3.0);
        assertThat(surge.multiplier(0, 50)).isEqualTo(1.0);
        assertThat(new SurgePricing(1.8, 0.25).multiplier(10_000, 1)).isEqualTo(1.8);
    }

    @Test
    void centsRoundHalfUpTheDecimalJavaPrintsForTheAmount() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] ties = {0.005, 0.015, 0.125, 1.005, 1.015, 2.675, 8.345, 10.005, 1234.565, 99_999.995};
        for (double tie : ties) {
            assertCentsAsPrinted(tie);
        }
        for (int i = 0; i < 1_000_000; i++) {
            assertCentsAsPrinted(rng.nextInt(10_000_000) / 1000.0);
            assertCentsAsPrinted(rng.nextDouble() * 500);
            assertCentsAsPrinted(FareCalculator.PER_KM * rng.nextDouble() * 40 * (0.8 + rng.nextInt(10) / 10.0));
        }
        assertCentsAsPrinted(0.0);
        assertCentsAsPrinted(-0.0);
        assertCentsAsPrinted(-3.335);
        assertCentsAsPrinted(2e7);
    }

    private static void assertCentsAsPrinted(double amount) {
        BigDecimal expected = BigDecimal.valueOf(amount).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal actual = FareCalculator.cents(amount);
        if (!actual.equals(expected)) {
            throw new AssertionError(amount + " rounded to " + actual + ", printed and rounded half up " + expected);
        }
    }

    @Test
    void fareComponentsAddUpToTheTotalAndSurgeIsOnTheMeteredPart() {
        FareCalculator fares = new FareCalculator();
        Fare noSurge =
                fares.fare(5.0, 15.0, 1.0, VehicleType.ECONOMY, false, PaymentMethod.CASH, new SplittableRandom(1));
        Fare surged =
                fares.fare(5.0, 15.0, 2.0, VehicleType.ECONOMY, true, PaymentMethod.CASH, new SplittableRandom(1));

        BigDecimal metered = noSurge.getBase().add(noSurge.getDistance()).add(noSurge.getTime());
        assertThat(noSurge.getSurge()).isEqualByComparingTo("0.00");
        assertThat(noSurge.getTip()).as("cash riders do not tip in the app").isEqualByComparingTo("0.00");
        assertThat(noSurge.getTotal()).isEqualByComparingTo(metered);
        assertThat(surged.getSurge()).isEqualByComparingTo(metered);
        assertThat(surged.getTolls()).isEqualByComparingTo("6.94");
        assertThat(surged.getTotal())
                .isEqualByComparingTo(surged.getBase()
                        .add(surged.getDistance())
                        .add(surged.getTime())
                        .add(surged.getSurge())
                        .add(surged.getTolls())
                        .add(surged.getTip()));
        assertThat(surged.getTotal().scale()).isEqualTo(2);
    }
}
