package io.mobility.batch.monitoring;

import io.mobility.lake.ReferenceDistribution;
import java.util.Set;

/**
 * One feature's drift over a window: PSI with its band, and how much more often it is missing than in training.
 * Calendar features (a function of the hour being predicted) are reported but never raise the drift flag: their
 * distribution over a window is set by the calendar (a week in March has no October), not by the data.
 */
public record FeatureDrift(
        String feature, double psi, DriftBand band, double missingRateReference, double missingRateCurrent, long rows) {

    /** A feature missing this much more often (absolute share of rows) than in training raises the flag. */
    public static final double MISSING_SHIFT_THRESHOLD = 0.05;

    public static final Set<String> CALENDAR_FEATURES =
            Set.of("hour_of_day", "day_of_week", "is_weekend", "month", "is_holiday");

    public static FeatureDrift of(String feature, ReferenceDistribution reference, BinCounts current) {
        double psi = Psi.of(reference, current);
        double missingCurrent = (double) current.missing() / current.total();
        return new FeatureDrift(
                feature, psi, DriftBand.of(psi), reference.missingFraction(), missingCurrent, current.total());
    }

    public double missingRateShift() {
        return missingRateCurrent - missingRateReference;
    }

    public boolean missingShiftFlagged() {
        return missingRateShift() > MISSING_SHIFT_THRESHOLD;
    }

    public boolean calendar() {
        return CALENDAR_FEATURES.contains(feature);
    }

    /** Whether this feature alone makes the model's drift flag true. */
    public boolean raisesFlag() {
        return missingShiftFlagged() || (!calendar() && band == DriftBand.MAJOR);
    }
}
