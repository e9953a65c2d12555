package io.mobility.simulator;

import java.io.PrintStream;
import java.time.Instant;
import java.util.function.LongSupplier;

/** Prints a progress line to the console at most every {@code everyMillis} of wall time. */
public final class Progress {

    private final PrintStream out;
    private final String label;
    private final long everyNanos;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastCount;

    public Progress(PrintStream out, String label, long everyMillis) {
        this.out = out;
        this.label = label;
        this.everyNanos = everyMillis * 1_000_000L;
    }

    public static Progress silent() {
        return new Progress(null, "", Long.MAX_VALUE / 2_000_000L);
    }

    /** Reports if it is time: {@code count} records so far, event time reached {@code eventTime}. */
    public void tick(Instant eventTime, LongSupplier count) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNanos < everyNanos) {
            return;
        }
        long c = count.getAsLong();
        double rate = (c - lastCount) / ((now - lastNanos) / 1e9);
        out.printf("[%s] event time %s  records %,d  (%,.0f/s)%n", label, eventTime, c, rate);
        lastNanos = now;
        lastCount = c;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
