package io.mobility.streams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Names the part of the JVM a thread works for, so CPU can be charged to the stream thread, the clients' I/O threads,
 * the in-process broker, or the JVM itself (JIT compilers, garbage collector), which JFR's execution samples miss.
 */
final class ThreadGroups {

    private ThreadGroups() {
    }

    /** A Java thread's group, by its name. More specific names first: client threads carry the stream thread's. */
    static String ofJavaThread(String thread) {
        if (thread.contains("producer-network-thread") || thread.contains("kafka-producer")) {
            return "producer i/o";
        }
        if (thread.contains("GlobalStreamThread")) {
            return "global store thread";
        }
        if (thread.contains("StreamThread")) {
            return "stream thread";
        }
        if (thread.startsWith("data-plane") || thread.contains("kafka-request-handler") || thread.startsWith("kafka-")
                || thread.contains("broker") || thread.contains("Raft") || thread.contains("raft")
                || thread.contains("group-coordinator") || thread.contains("transaction")) {
            return "in-process broker";
        }
        if (thread.contains("passthrough") || thread.equals("main")) {
            return "bench driver";
        }
        return "other";
    }

    /**
     * CPU nanoseconds so far of the JVM's own native threads by group ("jit compiler", "gc", "vm"), from
     * {@code /proc/self/task}; empty where there is no /proc. Names there are the kernel's 15-character ones.
     */
    static Map<String, Long> jvmInternalCpuNanos() {
        Map<String, Long> nanos = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return nanos;
        }
        long nanosPerTick = 1_000_000_000L / 100; // USER_HZ is 100 on Linux
        try (Stream<Path> all = Files.list(tasks)) {
            all.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String group = comm.contains("Compiler") ? "jit compiler"
                            : comm.startsWith("G1") || comm.startsWith("GC") || comm.contains("GC Thread") ? "gc"
                            : comm.startsWith("VM ") ? "vm" : null;
                    if (group == null) {
                        return;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    nanos.merge(group, ticks * nanosPerTick, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            });
        } catch (IOException e) {
            return nanos;
        }
        return nanos;
    }
}
