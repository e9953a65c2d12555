package io.mobility.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.lake.MonitoringSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotEntryTest {

    private static final Instant TO = Instant.parse("2026-11-27T02:00:00Z");

    @Test
    void aWindowWithoutMapeRowsCarriesMapeAsJsonNull() throws Exception {
        // Every zone-hour under 10 requests (a small city's every day): no MAPE, the other metrics as usual.
        ErrorSums errors = new ErrorSums(4, 6.0, 12.0, 20.0, 0, 0.0);
        JsonNode metrics = render(errors).path("models").path("demand").path("metrics");
        assertThat(metrics.has("mape")).isTrue();
        assertThat(metrics.get("mape").isNull())
                .as("mape is JSON null, not 0 or NaN: %s", metrics)
                .isTrue();
        assertThat(metrics.get("mae").asDouble()).isEqualTo(1.5);
        assertThat(metrics.get("wape").asDouble()).isEqualTo(0.3);
    }

    @Test
    void metricsKeepSixDecimals() throws Exception {
        ErrorSums errors = new ErrorSums(3, 1.0, 1.0, 30.0, 3, 1.0);
        JsonNode metrics = render(errors).path("models").path("demand").path("metrics");
        assertThat(metrics.get("mae").asDouble()).isEqualTo(0.333333);
        assertThat(metrics.get("mape").asDouble()).isEqualTo(0.333333);
    }

    private static JsonNode render(ErrorSums errors) throws Exception {
        MonitorWindow window = MonitorWindow.ending(TO, 7);
        byte[] json = MonitoringSnapshot.render(
                Optional.empty(),
                TO,
                "demand",
                SnapshotEntry.of("20261120T020000Z", window, errors, 4, List.of(), null, null, List.of()));
        return new ObjectMapper().readTree(json);
    }
}
