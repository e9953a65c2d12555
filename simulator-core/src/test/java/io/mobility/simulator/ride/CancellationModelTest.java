package io.mobility.simulator.ride;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CancellationModelTest {

    private final CancellationModel model = new CancellationModel();

    @Test
    void riderCancelsMoreTheLongerTheAnnouncedWait() {
        double previous = -1;
        for (int eta = 0; eta <= 30; eta += 3) {
            double p = model.afterAssignment(eta, 1.0);
            assertThat(p).as("eta %d min", eta).isGreaterThan(previous).isLessThanOrEqualTo(0.9);
            previous = p;
        }
    }

    @Test
    void surgeMakesRidersCancelMore() {
        assertThat(model.afterAssignment(8, 2.0)).isGreaterThan(model.afterAssignment(8, 1.0));
        assertThat(model.unassignedPerMinute(2.5)).isGreaterThan(model.unassignedPerMinute(1.0));
    }
}
