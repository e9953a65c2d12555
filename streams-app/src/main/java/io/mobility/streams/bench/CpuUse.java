package io.mobility.streams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU the stream threads and the whole JVM used during a timed phase, in percent of its wall time (100 = one core
 * busy). Tells a CPU-bound stream thread from one that waits on the broker or for a core on a loaded machine.
 */
record CpuUse(long streamThreadsPct, long processPct, double loadAverage) {

    static Meter start() {
        return new Meter();
    }

    static final class Meter {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long wallStart = System.nanoTime();
        private final long streamStart = streamThreadsCpu();
        private final long processStart = processCpu();

        CpuUse stop() {
            double wall = System.nanoTime() - wallStart;
            return new CpuUse(Math.round(100 * (streamThreadsCpu() - streamStart) / wall),
                    Math.round(100 * (processCpu() - processStart) / wall),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
