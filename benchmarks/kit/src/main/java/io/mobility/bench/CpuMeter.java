package io.mobility.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Wall time and CPU time since {@link #start()}: of this whole JVM (plus, if given, a child process), of the thread
 * that started the meter, and split by thread. On a shared machine rates swing with other load; CPU time per record
 * moves far less, and its split by thread shows where the time goes.
 *
 * <p>Java threads are read from the thread bean, the JVM's own threads (JIT compilers, garbage collectors, the VM
 * thread) from Linux's per-thread figures ({@link JvmThreads}); where those are missing, the JIT's share is the JVM's
 * accumulated compilation time (elapsed, so an upper bound under load) and the collectors' is in {@link #UNCHARGED}.
 */
public final class CpuMeter {

    /** The JVM's own threads: JIT compilers, garbage collectors, the VM thread. */
    public static final String JIT = JvmThreads.JIT;

    public static final String GC = JvmThreads.GC;
    public static final String VM = JvmThreads.VM;

    /** The group of CPU time no thread group accounts for: VM threads, threads that ended, native threads. */
    public static final String UNCHARGED = "uncharged";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ProcessHandle child;
    private final Map<Long, Long> javaThreadsStart = javaThreadsCpu();
    private final Map<String, Long> jvmThreadsStart = JvmThreads.cpuNanosByThread();
    private final long compileMillisStart = compileMillis();
    private final long processStart;
    private final long startingThreadStart;
    private final long wallStart;

    private CpuMeter(ProcessHandle child) {
        this.child = child;
        // The totals are read after the per-thread snapshots, so the meter's own set-up (a read of every thread and
        // of /proc) is in neither the wall time nor the CPU totals it reports.
        this.processStart = processNanosNow();
        this.startingThreadStart = THREADS.getCurrentThreadCpuTime();
        this.wallStart = System.nanoTime();
    }

    /** A meter of this JVM. */
    public static CpuMeter start() {
        return new CpuMeter(null);
    }

    /** A meter of this JVM and of {@code child} (another JVM the benchmark started, a Spark driver for one). */
    public static CpuMeter start(ProcessHandle child) {
        return new CpuMeter(child);
    }

    public double seconds() {
        return wallNanos() / 1e9;
    }

    public long wallNanos() {
        return System.nanoTime() - wallStart;
    }

    /** CPU of this whole JVM, all threads, and of the child process if there is one. */
    public long processNanos() {
        return processNanosNow() - processStart;
    }

    /** CPU of the thread that started the meter; call it on that thread. */
    public long startingThreadNanos() {
        return THREADS.getCurrentThreadCpuTime() - startingThreadStart;
    }

    /** CPU of the live Java threads whose name passes {@code name}. */
    public long javaThreadsNanos(Predicate<String> name) {
        long[] sum = {0};
        forEachJavaThread((thread, nanos) -> {
            if (name.test(thread)) {
                sum[0] += nanos;
            }
        });
        return sum[0];
    }

    /**
     * CPU of this JVM by group: Java threads in the group {@code javaGroup} gives their name, the JVM's own threads
     * in {@link #JIT}, {@link #GC} and {@link #VM}, and the rest of the process in
     * {@link #UNCHARGED}. Every group is present, in that order, Java groups first.
     */
    public Map<String, Long> nanosByGroup(Function<String, String> javaGroup) {
        Map<String, Long> groups = new LinkedHashMap<>();
        forEachJavaThread((thread, nanos) -> groups.merge(javaGroup.apply(thread), nanos, Long::sum));
        long javaThreads = groups.values().stream().mapToLong(Long::longValue).sum();
        long rest = Math.max(0, processNanos() - javaThreads);
        Map<String, Long> jvmNow = JvmThreads.cpuNanosByThread();
        Map<String, Long> jvm;
        if (jvmNow.isEmpty() || jvmThreadsStart.isEmpty()) {
            jvm = Map.of(
                    JvmThreads.JIT,
                    Math.min(rest, (compileMillis() - compileMillisStart) * 1_000_000),
                    JvmThreads.GC,
                    0L,
                    JvmThreads.VM,
                    0L);
        } else {
            jvm = JvmThreads.deltaByGroup(jvmThreadsStart, jvmNow);
        }
        for (String group : new String[] {JvmThreads.JIT, JvmThreads.GC, JvmThreads.VM}) {
            long nanos = Math.min(rest, jvm.get(group));
            groups.merge(group, nanos, Long::sum);
            rest -= nanos;
        }
        groups.put(UNCHARGED, rest);
        return groups;
    }

    /** The system's load average over the last minute, or a negative number where there is none. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Each live Java thread's name and CPU since the start (a thread started since counts from zero). */
    private void forEachJavaThread(BiConsumer<String, Long> action) {
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now >= 0) {
                action.accept(info.getThreadName(), now - javaThreadsStart.getOrDefault(info.getThreadId(), 0L));
            }
        }
    }

    private long processNanosNow() {
        long own = JvmThreads.processCpuNanos();
        if (child == null) {
            return own;
        }
        return own
                + child.info()
                        .totalCpuDuration()
                        .map(Duration::toNanos)
                        .orElseThrow(() -> new IllegalStateException(
                                "The CPU time of process " + child.pid() + " is not available on this system"));
    }

    private static Map<Long, Long> javaThreadsCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
