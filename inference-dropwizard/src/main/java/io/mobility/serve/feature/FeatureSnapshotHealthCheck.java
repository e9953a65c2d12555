package io.mobility.serve.feature;

import com.codahale.metrics.health.HealthCheck;
import io.mobility.lake.FeatureSnapshot;
import io.mobility.serve.export.ExportedFile;
import java.time.Clock;
import java.time.Duration;

/** Healthy when the feature snapshot is loaded and was generated within the allowed age. */
public final class FeatureSnapshotHealthCheck extends HealthCheck {

    private final ExportedFile<FeatureSnapshot> snapshot;
    private final Duration maxAge;
    private final Clock clock;

    public FeatureSnapshotHealthCheck(ExportedFile<FeatureSnapshot> snapshot, Duration maxAge, Clock clock) {
        this.snapshot = snapshot;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        var current = snapshot.current();
        if (current.isEmpty()) {
            return Result.unhealthy(
                    "no feature snapshot: %s", snapshot.problem().orElse("not loaded yet"));
        }
        Duration age = Duration.between(current.get().generatedAt(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Result.unhealthy("feature snapshot generated %s ago, more than %s", age, maxAge);
        }
        return Result.healthy(
                "feature snapshot of %d zones generated %s ago",
                current.get().zones().size(), age);
    }
}
