package io.mobility.streams.bench;

import io.mobility.platform.cpu.JvmThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU the stream threads and the whole JVM (broker included) used during a timed phase. In percent of wall time
 * (100 = one core busy) it tells a CPU-bound stream thread from one that waits on the broker or for a core on a
 * loaded machine; per record it is a cost that machine load hardly changes, unlike a rate.
 */
record CpuUse(long streamThreadsNanos, long processNanos, long wallNanos, double loadAverage,
              Map<String, Long> groupNanos) {

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

    /**
     * Microseconds of CPU per record by thread group, largest first; "jvm other" is the process's CPU not charged
     * to any group (short-lived threads, native threads /proc does not name).
     */
    Map<String, Double> groupMicrosPer(long records) {
        Map<String, Long> all = new HashMap<>(groupNanos);
        long charged = groupNanos.values().stream().mapToLong(Long::longValue).sum();
        all.put("jvm other", Math.max(0, processNanos - charged));
        Map<String, Double> out = new LinkedHashMap<>();
        all.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() / 100.0 / records) / 10.0));
        return out;
    }

    static final class Meter {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long wallStart = System.nanoTime();
        private final long streamStart = streamThreadsCpu();
        private final long processStart = JvmThreads.processCpuNanos();
        private final Map<Long, Long> javaThreadsStart = javaThreadsCpu();
        private final Map<String, Long> jvmInternalStart = JvmThreads.cpuNanosByThread();

        CpuUse stop() {
            Map<String, Long> groups = new HashMap<>();
            javaThreadsCpu().forEach((id, nanos) -> {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info != null) {
                    groups.merge(ThreadGroups.ofJavaThread(info.getThreadName()),
                            nanos - javaThreadsStart.getOrDefault(id, 0L), Long::sum);
                }
            });
            Map<String, Long> jvmInternalNow = JvmThreads.cpuNanosByThread();
            if (!jvmInternalNow.isEmpty()) {
                JvmThreads.deltaByGroup(jvmInternalStart, jvmInternalNow).forEach((group, nanos) ->
                        groups.merge(ThreadGroups.ofJvmThread(group), nanos, Long::sum));
            }
            return new CpuUse(streamThreadsCpu() - streamStart, JvmThreads.processCpuNanos() - processStart,
                    System.nanoTime() - wallStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    groups);
        }

        private Map<Long, Long> javaThreadsCpu() {
            Map<Long, Long> cpu = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
            return cpu;
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
    }
}
