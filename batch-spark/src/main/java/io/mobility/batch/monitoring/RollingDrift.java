package io.mobility.batch.monitoring;

import io.mobility.lake.ReferenceDistribution;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each day's drift: the feature rows of that day's drift window (see {@link MonitorWindow}) against the reference. */
public final class RollingDrift {

    private RollingDrift() {}

    /** Per day of the window, one {@link FeatureDrift} per referenced feature that has rows in the day's window. */
    public static Map<LocalDate, List<FeatureDrift>> perDay(
            MonitorWindow window,
            Map<String, ReferenceDistribution> references,
            Map<Instant, Map<String, BinCounts>> countsPerHour) {
        Map<LocalDate, List<FeatureDrift>> drift = new LinkedHashMap<>();
        for (LocalDate day : window.dayList()) {
            Instant start = window.driftStart(day);
            Instant end = window.driftEnd(day);
            List<FeatureDrift> features = new ArrayList<>();
            for (Map.Entry<String, ReferenceDistribution> ref : references.entrySet()) {
                BinCounts sum = new BinCounts();
                countsPerHour.forEach((hour, counts) -> {
                    if (!hour.isBefore(start) && hour.isBefore(end) && counts.containsKey(ref.getKey())) {
                        sum.addAll(counts.get(ref.getKey()));
                    }
                });
                if (sum.total() > 0) {
                    features.add(FeatureDrift.of(ref.getKey(), ref.getValue(), sum));
                }
            }
            drift.put(day, features);
        }
        return drift;
    }

    public static boolean flagged(List<FeatureDrift> features) {
        return features.stream().anyMatch(FeatureDrift::raisesFlag);
    }
}
