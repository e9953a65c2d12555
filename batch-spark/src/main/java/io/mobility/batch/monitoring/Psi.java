package io.mobility.batch.monitoring;

import io.mobility.lake.ReferenceDistribution;

/**
 * Population stability index of a current distribution against a reference, over the 10 reference bins plus an
 * explicit missing bin: PSI = sum over bins of (cur - ref) * ln(cur / ref). An empty bin counts as a share of
 * {@link #EPSILON} on either side, so that a bin appearing or vanishing gives a large but finite term.
 */
public final class Psi {

    public static final double EPSILON = 1e-4;

    private Psi() {}

    /** PSI of {@code current} against {@code reference}; NaN when there are no current rows. */
    public static double of(ReferenceDistribution reference, BinCounts current) {
        long total = current.total();
        if (total == 0) {
            return Double.NaN;
        }
        double psi = term(reference.missingFraction(), (double) current.missing() / total);
        for (int i = 0; i < ReferenceDistribution.BINS; i++) {
            psi += term(reference.fractions()[i], (double) current.bin(i) / total);
        }
        return psi;
    }

    private static double term(double reference, double current) {
        double ref = reference == 0 ? EPSILON : reference;
        double cur = current == 0 ? EPSILON : current;
        return (cur - ref) * Math.log(cur / ref);
    }
}
