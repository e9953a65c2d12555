package io.mobility.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void aMissingMetricStaysMissing() {
        // MAPE is null on a day without a zone-hour of at least 10 requests (a small city's every day)
        assertThat(Decimals.rounded(null, MonitoringTables.DECIMALS)).isNull();
        assertThat(Decimals.rounded(null, SnapshotEntry.DECIMALS)).isNull();
        assertThat(Decimals.rounded(Double.NaN, 6)).isNaN();
        assertThat(Decimals.rounded(Double.POSITIVE_INFINITY, 6)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void theTablesKeepNineDecimalsAndTheSnapshotSix() {
        assertThat(Decimals.rounded(0.1234567894, MonitoringTables.DECIMALS)).isEqualTo(0.123456789);
        assertThat(Decimals.rounded(0.12345678, SnapshotEntry.DECIMALS)).isEqualTo(0.123457);
        assertThat(Decimals.rounded(2.0, 9)).isEqualTo(2.0);
        assertThat(Decimals.rounded(-1.2345674, 6)).isEqualTo(-1.234567);
        assertThat(Decimals.rounded(1.6e-29, 6)).isEqualTo(0.0);
        assertThat(Decimals.rounded(3.5, 0)).isEqualTo(4.0);
    }

    @Test
    void decimalsBeyondADoublesPrecisionAreRefused() {
        assertThatThrownBy(() -> Decimals.rounded(1.0, 16))
                .hasMessageContaining("between 0 and 15")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> Decimals.rounded(1.0, -1)).hasMessageContaining("-1");
    }
}
