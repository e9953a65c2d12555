package io.mobility.batch.monitoring;

/**
 * Rounding of a monitoring metric that may be missing: MAPE is null on a day without a zone-hour of at least 10
 * requests, WAPE when nothing was requested. A missing, NaN or infinite value passes through unchanged.
 */
final class Decimals {

    private Decimals() {}

    /** {@code value} rounded (Math.round) to {@code decimals} places; null, NaN and infinities as they are. */
    static Double rounded(Double value, int decimals) {
        if (decimals < 0 || decimals > 15) {
            throw new IllegalArgumentException(
                    "decimals must be between 0 and 15 (a double's precision), got " + decimals);
        }
        // Not a ternary: `cond ? value : double` unboxes value, so a null would throw instead of passing.
        if (value == null || value.isNaN() || value.isInfinite()) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
