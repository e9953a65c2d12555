package io.mobility.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReferenceDistributionTest {

    @Test
    void decilesOfOneToHundredWithMissingValues() {
        double[] values = new double[110];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        Arrays.fill(values, 100, 110, Double.NaN);

        ReferenceDistribution d = ReferenceDistribution.of(values);

        // nearest rank over the 100 present values: index round(i/10 * 99)
        assertThat(d.edges()).containsExactly(1, 11, 21, 31, 41, 51, 60, 70, 80, 90, 100);
        assertThat(d.missingFraction()).isCloseTo(10 / 110.0, within(1e-12));
        // bins are edges[i] <= x < edges[i+1], the last one closed; shares are of all 110 rows
        assertThat(d.fractions()[0]).isCloseTo(10 / 110.0, within(1e-12));
        assertThat(d.fractions()[5]).isCloseTo(9 / 110.0, within(1e-12));
        assertThat(d.fractions()[9]).isCloseTo(11 / 110.0, within(1e-12));
        assertThat(Arrays.stream(d.fractions()).sum() + d.missingFraction()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aConstantFeatureHasAllRowsInTheLastBin() {
        ReferenceDistribution d = ReferenceDistribution.of(new double[] {0, 0, 0, 0});
        assertThat(d.edges()).containsOnly(0.0);
        assertThat(d.fractions()[9]).isEqualTo(1.0);
        assertThat(d.toJson().get("edges")).hasSize(11);
        assertThat(d.toJson().get("fractions")).hasSize(10);
    }
}
