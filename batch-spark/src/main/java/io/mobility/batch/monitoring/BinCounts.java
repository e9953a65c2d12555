package io.mobility.batch.monitoring;

import io.mobility.lake.ReferenceDistribution;
import java.util.Arrays;

/** How many rows of a feature fell in each of the 10 reference bins, and how many were missing. */
public final class BinCounts {

    private final long[] bins = new long[ReferenceDistribution.BINS];
    private long missing;

    /** Adds {@code count} rows to a bin; {@link ReferenceDistribution#MISSING_BIN} is the missing bin. */
    public BinCounts add(int bin, long count) {
        if (bin == ReferenceDistribution.MISSING_BIN) {
            missing += count;
        } else {
            bins[bin] += count;
        }
        return this;
    }

    public BinCounts addAll(BinCounts other) {
        for (int i = 0; i < bins.length; i++) {
            bins[i] += other.bins[i];
        }
        missing += other.missing;
        return this;
    }

    public long total() {
        return Arrays.stream(bins).sum() + missing;
    }

    public long bin(int i) {
        return bins[i];
    }

    public long missing() {
        return missing;
    }
}
