package io.mobility.batch.monitoring;

import io.mobility.lake.MonitoringSnapshot;
import java.time.Instant;
import java.util.List;

/** One model's entry of the monitoring snapshot ({@link MonitoringSnapshot}) from what the monitoring job computed. */
public final class SnapshotEntry {

    /** Six decimals: what a person reads, without float noise such as a PSI of 1.6E-29 for "no change". */
    static final int DECIMALS = 6;

    private SnapshotEntry() {}

    public static MonitoringSnapshot.ModelEntry of(
            String version,
            MonitorWindow window,
            ErrorSums errors,
            long expected,
            List<FeatureDrift> drift,
            Instant driftFrom,
            Instant driftTo,
            List<MonitoringSnapshot.HourPoint> forecastVsActual) {
        var metrics = new MonitoringSnapshot.Metrics(
                rounded(errors.mae()),
                rounded(errors.rmse()),
                rounded(errors.mape()),
                rounded(errors.wape()),
                errors.rows());
        List<MonitoringSnapshot.FeatureEntry> features = drift.stream()
                .map(f -> new MonitoringSnapshot.FeatureEntry(
                        f.feature(),
                        rounded(f.psi()),
                        f.band().label(),
                        rounded(f.missingRateShift()),
                        rounded(f.missingRateCurrent()),
                        f.missingRateReference(),
                        f.raisesFlag()))
                .toList();
        return new MonitoringSnapshot.ModelEntry(
                version,
                window.from(),
                window.to(),
                metrics,
                expected,
                RollingDrift.flagged(drift),
                driftFrom,
                driftTo,
                features,
                forecastVsActual);
    }

    private static Double rounded(Double value) {
        return Decimals.rounded(value, DECIMALS);
    }
}
