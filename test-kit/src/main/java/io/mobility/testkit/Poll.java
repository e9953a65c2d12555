package io.mobility.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waits in tests for something another thread, process or server does: asks a probe again and again until its
 * answer satisfies a condition, or fails after a timeout naming what it waited for and the last answer it saw.
 */
public final class Poll {

    /** Between two questions: short enough not to slow a test, long enough not to load a 2-core machine. */
    static final Duration INTERVAL = Duration.ofMillis(100);

    /** A question to ask again until its answer will do; it may throw (the wait then stops with that exception). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {}

    /**
     * Asks {@code probe} until {@code done} accepts its answer, and returns that answer.
     *
     * @throws AssertionError when {@code timeout} passes first: "waiting for WHAT: not done after N ms; last seen: X"
     */
    public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "waiting for " + what + ": not done after " + timeout.toMillis() + " ms; last seen: " + last);
            }
            Thread.sleep(INTERVAL.toMillis());
            last = probe.get();
        }
        return last;
    }

    /**
     * Waits until {@code condition} is true.
     *
     * @throws AssertionError when {@code timeout} passes first: "waiting for WHAT: not done after N ms"
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waiting for " + what + ": not done after " + timeout.toMillis() + " ms");
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
