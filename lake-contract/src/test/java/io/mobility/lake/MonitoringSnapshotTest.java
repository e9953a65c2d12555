package io.mobility.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The monitoring snapshot as the monitoring job writes it, one model at a time, and the service reads it. */
class MonitoringSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TO = Instant.parse("2026-11-27T02:00:00Z");

    private static MonitoringSnapshot.ModelEntry entry(String version) {
        return new MonitoringSnapshot.ModelEntry(
                version,
                TO.minusSeconds(86400),
                TO,
                new MonitoringSnapshot.Metrics(2.4, 3.9, null, 0.19, 96),
                96,
                true,
                TO.minusSeconds(3600),
                TO,
                List.of(new MonitoringSnapshot.FeatureEntry("lag_1h", 0.31, "major", 0.0, 0.1, 0.1, true)),
                List.of(new MonitoringSnapshot.HourPoint(TO.minusSeconds(3600), 15.0, 17.0)));
    }

    @Test
    void whatTheJobWritesTheServiceReadsKeepingOtherModels() throws Exception {
        byte[] demandOnly = MonitoringSnapshot.render(Optional.empty(), TO, "demand", entry("v1"));
        byte[] both = MonitoringSnapshot.render(
                Optional.of(new String(demandOnly, StandardCharsets.UTF_8)), TO.plusSeconds(60), "surge", entry("v2"));

        MonitoringSnapshot read = MonitoringSnapshot.parse(JSON.readTree(both));

        assertThat(read.generatedAt()).isEqualTo(TO.plusSeconds(60));
        assertThat(read.models().fieldNames()).toIterable().containsExactly("demand", "surge");
        JsonNode demand = read.models().get("demand");
        assertThat(demand.at("/version").asText()).isEqualTo("v1");
        assertThat(demand.at("/metrics/mape").isNull()).isTrue();
        assertThat(demand.at("/volume/predictions").asLong()).isEqualTo(96);
        assertThat(demand.at("/drift/flag").asBoolean()).isTrue();
        assertThat(demand.at("/drift/window/from").asText()).isEqualTo("2026-11-27T01:00:00Z");
        assertThat(demand.at("/drift/features/lag_1h/band").asText()).isEqualTo("major");
        assertThat(demand.at("/forecast_vs_actual/0/actual").asDouble()).isEqualTo(17.0);
        assertThat(new String(both, StandardCharsets.UTF_8))
                .startsWith("{\n  \"generated_at\" : \"2026-11-27T02:01:00Z\"");
    }

    @Test
    void aSnapshotWithoutDriftIsRefusedByModelAndField() throws Exception {
        assertThatThrownBy(() -> MonitoringSnapshot.parse(JSON.readTree("""
                {"generated_at": "2026-11-27T02:30:00Z",
                 "models": {"surge": {"version": "v2", "metrics": {"mae": 0.1}}}}""")))
                .isInstanceOf(LakeFormatException.class)
                .hasMessage("monitoring snapshot: models.surge.drift is missing");
    }
}
