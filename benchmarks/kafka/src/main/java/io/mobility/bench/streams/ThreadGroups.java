package io.mobility.bench.streams;

import io.mobility.bench.CpuMeter;

/**
 * Names the part of the JVM a thread works for, so CPU can be charged to the stream thread, the clients' I/O threads,
 * the in-process broker, or the JVM itself (JIT compilers, garbage collector), which JFR's execution samples miss.
 */
final class ThreadGroups {

    private ThreadGroups() {}

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
        if (thread.startsWith("data-plane")
                || thread.contains("kafka-request-handler")
                || thread.startsWith("kafka-")
                || thread.contains("broker")
                || thread.contains("Raft")
                || thread.contains("raft")
                || thread.contains("group-coordinator")
                || thread.contains("transaction")) {
            return "in-process broker";
        }
        if (thread.contains("passthrough") || thread.equals("main")) {
            return "bench driver";
        }
        return "other";
    }

    /**
     * The benchmark's name for a group of the JVM's own threads ({@link CpuMeter#JIT} and the others) or the uncharged
     * rest.
     */
    static String ofJvmThread(String group) {
        if (group.equals(CpuMeter.JIT)) {
            return "jit compiler";
        }
        // the process's CPU no thread accounts for: short-lived threads, native threads /proc does not name
        return group.equals(CpuMeter.UNCHARGED) ? "jvm other" : group;
    }

    /** A stream thread of the app under test, not the global store's thread. */
    static boolean isStreamThread(String thread) {
        return thread.contains("StreamThread") && !thread.contains("GlobalStreamThread");
    }
}
