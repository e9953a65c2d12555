package io.mobility.batch.monitoring;

import io.mobility.batch.JobProgress;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.lake.MonitoringSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The files a person or the service opens: {@code monitoring/latest.json} and the two charts of the shown version. */
final class MonitoringOutputs {

    private final Lake lake;
    private final LakeFiles files;

    MonitoringOutputs(Lake lake, LakeFiles files) {
        this.lake = lake;
        this.files = files;
    }

    void write(
            String model,
            String version,
            MonitorWindow window,
            List<MonitoringTables.DayMetrics> metrics,
            Map<LocalDate, List<FeatureDrift>> drift,
            ForecastSeries series,
            Instant generatedAt,
            JobProgress progress) {
        ErrorSums errors = ErrorSums.NONE;
        long expected = 0;
        for (MonitoringTables.DayMetrics m : metrics) {
            if (m.key().version().equals(version)) {
                errors = errors.plus(m.errors());
                expected += m.expected();
            }
        }
        LocalDate lastDay = window.dayList().get(window.dayList().size() - 1);
        List<FeatureDrift> latest = drift.getOrDefault(lastDay, List.of());
        Instant driftFrom = window.driftStart(lastDay);
        Instant driftTo = window.driftEnd(lastDay);

        String dir = lake.layer("monitoring");
        String snapshot = MonitoringSnapshot.location(lake.root());
        files.writeAtomically(
                snapshot,
                MonitoringSnapshot.render(
                        files.readText(snapshot),
                        generatedAt,
                        model,
                        SnapshotEntry.of(
                                version,
                                window,
                                errors,
                                expected,
                                latest,
                                driftFrom,
                                driftTo,
                                series.lastCityHours(MonitorJob.SNAPSHOT_HOURS))));
        progress.stage("wrote " + snapshot + " (" + model + " " + version + ")");
        String forecast = dir + "/charts/forecast_vs_actual_" + model + ".png";
        files.writeAtomically(forecast, ForecastChart.render(model, version, window, series));
        String psi = dir + "/charts/psi_" + model + ".png";
        files.writeAtomically(psi, PsiChart.render(model, version, driftFrom, driftTo, latest));
        progress.stage("wrote " + forecast + " and " + psi);
    }
}
