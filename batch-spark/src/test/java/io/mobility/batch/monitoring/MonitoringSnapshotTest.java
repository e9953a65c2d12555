package io.mobility.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitoringSnapshotTest {

    @Test
    void aMissingMetricStaysMissingInTheSnapshot() {
        // MAPE is null on a day without a zone-hour of at least 10 requests (a small city's every day)
        assertThat(MonitoringSnapshot.rounded(null)).isNull();
        assertThat(MonitoringSnapshot.rounded(0.12345678)).isEqualTo(0.123457);
    }
}
