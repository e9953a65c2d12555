package io.mobility.streams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU the stream threads and the whole JVM (broker included) used during a timed phase. In percent of wall time
 * (100 = one core busy) it tells a CPU-bound stream thread from one that waits on the broker or for a core on a
 * loaded machine; per record it is a cost that machine load hardly changes, unlike a rate.
 */
record CpuUse(long streamThreadsNanos, long processNanos, long wallNanos, double loadAverage) {

    static Meter start() {
        return new Meter();
    }

    long streamThreadsPct() {
        return Math.round(100.0 * streamThreadsNanos / wallNanos);
    }

    long processPct() {
        return Math.round(100.0 * processNanos / wallNanos);
    }

    double streamThreadsMicrosPer(long records) {
        return Math.round(streamThreadsNanos / 100.0 / records) / 10.0;
    }

    double processMicrosPer(long records) {
        return Math.round(processNanos / 100.0 / records) / 10.0;
    }

    static final class Meter {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long wallStart = System.nanoTime();
        private final long streamStart = streamThreadsCpu();
        private final long processStart = processCpu();

        CpuUse stop() {
            return new CpuUse(streamThreadsCpu() - streamStart, processCpu() - processStart,
                    System.nanoTime() - wallStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }

        private long streamThreadsCpu() {
            long sum = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().contains("StreamThread")
                        && !info.getThreadName().contains("GlobalStreamThread")) {
                    sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return sum;
        }

        private static long processCpu() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }
    }
}
