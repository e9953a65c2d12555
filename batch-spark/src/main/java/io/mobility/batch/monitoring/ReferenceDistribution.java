package io.mobility.batch.monitoring;

import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * A feature's training-time distribution from {@code metadata.json}: 10 bins between 11 edges (bin i is
 * {@code edges[i] <= x < edges[i+1]}, the last bin closed) and the share of rows missing. Shares are of all rows,
 * so the 10 fractions and the missing fraction add up to 1.
 */
public record ReferenceDistribution(double[] edges, double[] fractions, double missingFraction) {

    public static final int BINS = 10;
    /** Bin index of a missing (null or NaN) value. */
    public static final int MISSING_BIN = -1;
    private static final double TOLERANCE = 1e-3;

    /**
     * Validates and normalises what a metadata file says; {@code where} names the file and feature in errors.
     * Fractions that add up to 1 on their own (shares of the present values) are scaled by the present share,
     * so that both conventions give the same reference.
     */
    public static ReferenceDistribution of(String where, double[] edges, double[] fractions, double missingFraction) {
        if (edges == null || edges.length != BINS + 1) {
            throw new IllegalArgumentException(where + ": 'edges' must hold " + (BINS + 1) + " numbers, got "
                    + (edges == null ? "none" : edges.length));
        }
        if (fractions == null || fractions.length != BINS) {
            throw new IllegalArgumentException(where + ": 'fractions' must hold " + BINS + " numbers, got "
                    + (fractions == null ? "none" : fractions.length));
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] >= edges[i - 1])) {
                throw new IllegalArgumentException(where + ": 'edges' must not decrease, but edges[" + i + "] = "
                        + edges[i] + " < edges[" + (i - 1) + "] = " + edges[i - 1]);
            }
        }
        if (!(missingFraction >= 0 && missingFraction <= 1)) {
            throw new IllegalArgumentException(where + ": 'missing_fraction' must be within [0, 1], got " + missingFraction);
        }
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0)) {
                throw new IllegalArgumentException(where + ": 'fractions[" + i + "]' must be >= 0, got " + fractions[i]);
            }
            sum += fractions[i];
        }
        double[] shares = fractions.clone();
        if (Math.abs(sum + missingFraction - 1) > TOLERANCE) {
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new IllegalArgumentException(where + ": 'fractions' (sum " + sum + ") plus 'missing_fraction' ("
                        + missingFraction + ") must add up to 1");
            }
            for (int i = 0; i < shares.length; i++) {
                shares[i] *= 1 - missingFraction;
            }
        }
        return new ReferenceDistribution(edges.clone(), shares, missingFraction);
    }

    /**
     * The bin of {@code x} as a Spark expression: -1 for missing (null or NaN), else the first i with
     * {@code x < edges[i+1]}; values below the first edge land in bin 0, values at or above the last in bin 9.
     */
    public Column binOf(Column x) {
        Column bin = lit(BINS - 1);
        for (int i = BINS - 2; i >= 0; i--) {
            bin = when(x.lt(lit(edges[i + 1])), lit(i)).otherwise(bin);
        }
        return when(x.isNull().or(isnan(x)), lit(MISSING_BIN)).otherwise(bin);
    }
}
