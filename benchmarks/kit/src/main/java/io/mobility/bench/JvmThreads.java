package io.mobility.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's own threads that Java's thread bean does not list (JIT compilers, garbage collectors, the VM
 * thread), read from Linux's {@code /proc/self/task/<tid>/schedstat} (nanoseconds on CPU) by thread name, for the
 * benchmarks' split of CPU by thread. Empty where there is no such file: callers fall back to coarser figures.
 */
final class JvmThreads {

    static final String JIT = "jit";
    static final String GC = "gc";
    static final String VM = "vm";

    private static final Path TASKS = Path.of("/proc/self/task");

    private JvmThreads() {}

    /**
     * Nanoseconds on CPU so far of every live JIT compiler, garbage collector and VM thread, keyed by group
     * ({@link #JIT}, {@link #GC}, {@link #VM}), then ":", then the thread id: the JVM starts and stops compiler
     * threads as needed, so deltas must be taken per thread ({@link #deltaByGroup}).
     */
    static Map<String, Long> cpuNanosByThread() {
        Map<String, Long> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String group = group(Files.readString(task.resolve("comm")).trim());
                    if (group != null) {
                        String schedstat = Files.readString(task.resolve("schedstat"));
                        threads.put(
                                group + ":" + task.getFileName(),
                                Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its time is in the remainder
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return threads;
    }

    /** CPU nanoseconds used so far by this whole JVM, all threads; 0 where the JVM does not report it. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** CPU nanoseconds by group (every group present) between two readings of {@link #cpuNanosByThread()}. */
    static Map<String, Long> deltaByGroup(Map<String, Long> start, Map<String, Long> now) {
        Map<String, Long> groups = new HashMap<>();
        groups.put(JIT, 0L);
        groups.put(GC, 0L);
        groups.put(VM, 0L);
        now.forEach((thread, nanos) -> groups.merge(
                thread.substring(0, thread.indexOf(':')), nanos - start.getOrDefault(thread, 0L), Long::sum));
        return groups;
    }

    /** Linux truncates thread names to 15 characters: "C2 CompilerThre", "GC Thread#0", "G1 Conc#0", "VM Thread". */
    static String group(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        if (name.startsWith("VM ")) {
            return VM;
        }
        return null;
    }
}
