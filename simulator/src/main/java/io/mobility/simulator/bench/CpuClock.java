package io.mobility.simulator.bench;

import io.mobility.platform.cpu.JvmThreads;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time, CPU time of the whole JVM, of the calling thread and of every Java thread since {@link #start()}. On a
 * shared machine rates swing with other load; CPU time per record moves far less, and its split by thread shows
 * where the time goes.
 */
final class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wallNanos = System.nanoTime();
    private final long processNanos = JvmThreads.processCpuNanos();
    private final long threadNanos = THREADS.getCurrentThreadCpuTime();
    private final Map<Long, Long> threadStart = threadCpu();
    private final long compileMillis = compileMillis();
    private final Map<String, Long> nativeStart = JvmThreads.cpuNanosByThread();

    static CpuClock start() {
        return new CpuClock();
    }

    double seconds() {
        return (System.nanoTime() - wallNanos) / 1e9;
    }

    double processMicros() {
        return (JvmThreads.processCpuNanos() - processNanos) / 1e3;
    }

    /** CPU of the thread that called {@link #start()}; call it on that thread. */
    double threadMicros() {
        return (THREADS.getCurrentThreadCpuTime() - threadNanos) / 1e3;
    }

    /**
     * Microseconds of CPU per record since the start by group of threads: {@code main} (the benchmark's calling
     * thread), the simulator's sending thread, the producers' network threads, the broker and other Java threads,
     * the JIT compilers' threads ({@code jit}), the garbage collector's ({@code gc}) and the rest of the JVM
     * ({@code vm-other}: VM threads, threads that ended during the measurement). Where Linux's per-thread figures are
     * missing, {@code jit} is the JVM's accumulated compilation time (elapsed, so an upper bound under load) and
     * {@code gc} is in {@code vm-other}.
     */
    Map<String, Double> microsPerRecordByThread(long records) {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String g : new String[] {"main", "simulator-send", "producer-network", "broker-and-other", "jit", "gc",
                "vm-other"}) {
            groups.put(g, 0.0);
        }
        double javaThreads = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            double micros = (now - threadStart.getOrDefault(info.getThreadId(), 0L)) / 1e3;
            javaThreads += micros;
            groups.merge(group(info.getThreadName()), micros, Double::sum);
        }
        double rest = Math.max(0, processMicros() - javaThreads);
        Map<String, Long> nativeNow = JvmThreads.cpuNanosByThread();
        double jit;
        double gc;
        if (nativeNow.isEmpty() || nativeStart.isEmpty()) {
            jit = Math.min(rest, (compileMillis() - compileMillis) * 1e3);
            gc = 0;
        } else {
            Map<String, Long> delta = JvmThreads.deltaByGroup(nativeStart, nativeNow);
            jit = delta.get(JvmThreads.JIT) / 1e3;
            gc = delta.get(JvmThreads.GC) / 1e3;
        }
        groups.put("jit", jit);
        groups.put("gc", gc);
        groups.put("vm-other", Math.max(0, rest - jit - gc));
        groups.replaceAll((g, micros) -> Math.round(micros / records * 100) / 100.0);
        return groups;
    }

    private static String group(String name) {
        if (name.equals("main")) {
            return "main";
        }
        if (name.equals("simulator-send")) {
            return "simulator-send";
        }
        return name.startsWith("kafka-producer-network-thread") ? "producer-network" : "broker-and-other";
    }

    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.put(id, THREADS.getThreadCpuTime(id));
        }
        return cpu;
    }

    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
