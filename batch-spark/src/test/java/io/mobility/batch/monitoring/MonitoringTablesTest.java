package io.mobility.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitoringTablesTest {

    @Test
    void aMissingMetricStaysMissing() {
        // MAPE is null on a day without a zone-hour of at least 10 requests (a small city's every day)
        assertThat(MonitoringTables.rounded(null)).isNull();
        assertThat(MonitoringTables.rounded(Double.NaN)).isNaN();
    }

    @Test
    void valuesKeepNineDecimals() {
        assertThat(MonitoringTables.rounded(0.1234567894)).isEqualTo(0.123456789);
        assertThat(MonitoringTables.rounded(2.0)).isEqualTo(2.0);
    }
}
