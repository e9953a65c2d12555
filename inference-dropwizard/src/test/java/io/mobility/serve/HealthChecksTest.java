package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.lake.FeatureSnapshot;
import io.mobility.serve.export.ExportedFile;
import io.mobility.serve.feature.FeatureSnapshotHealthCheck;
import io.mobility.serve.model.ModelHealthCheck;
import io.mobility.serve.model.ModelLoader;
import io.mobility.serve.model.ServedModels;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health turns bad when an export is missing or older than allowed (fixture: snapshot 02:00, demand trained 11-20). */
class HealthChecksTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path lake = Lake.copy();

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void featureSnapshotAge() {
        var snapshot = new ExportedFile<>(
                lake.resolve("features/snapshot/latest.json"), "feature snapshot", mapper, FeatureSnapshot::parse);
        var check = new FeatureSnapshotHealthCheck(snapshot, Duration.ofHours(3), at("2026-11-27T04:00:00Z"));
        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).contains("no feature snapshot");
        snapshot.run();
        assertThat(check.execute().isHealthy()).isTrue();
        var later = new FeatureSnapshotHealthCheck(snapshot, Duration.ofHours(3), at("2026-11-27T05:00:01Z"));
        assertThat(later.execute().isHealthy()).isFalse();
        assertThat(later.execute().getMessage()).contains("more than PT3H");
    }

    @Test
    void modelLoadedAndFresh() {
        Clock clock = at("2026-11-27T00:00:00Z");
        var registry = new ServedModels(lake.resolve("models"), List.of("demand"), new ModelLoader(mapper, clock));
        var check = new ModelHealthCheck(registry, "demand", Duration.ofDays(10), clock);
        assertThat(check.execute().isHealthy()).isFalse();
        registry.refresh();
        assertThat(check.execute().isHealthy()).isTrue();
        var strict = new ModelHealthCheck(registry, "demand", Duration.ofDays(3), clock);
        assertThat(strict.execute().isHealthy()).isFalse();
        assertThat(strict.execute().getMessage()).contains("version 20261120T020000Z was trained", "more than PT72H");
    }

    @Test
    void aMissingModelDirectoryIsReportedWithoutTheServersPath() {
        Clock clock = at("2026-11-27T00:00:00Z");
        var registry = new ServedModels(lake.resolve("nowhere"), List.of("demand"), new ModelLoader(mapper, clock));
        registry.refresh();
        var result = new ModelHealthCheck(registry, "demand", Duration.ofDays(10), clock).execute();
        assertThat(result.isHealthy()).isFalse();
        // health is answered without a token (admin allow-list): the path is in the log only
        assertThat(result.getMessage())
                .contains("model demand is not loaded: no version is promoted yet")
                .doesNotContain(lake.toString());
    }
}
