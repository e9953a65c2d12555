package io.mobility.bench.streams;

import io.mobility.bench.CpuMeter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU the stream threads and the whole JVM (broker included) used during a timed phase. In percent of wall time
 * (100 = one core busy) it tells a CPU-bound stream thread from one that waits on the broker or for a core on a
 * loaded machine; per record it is a cost that machine load hardly changes, unlike a rate.
 */
record CpuUse(
        long streamThreadsNanos, long processNanos, long wallNanos, double loadAverage, Map<String, Long> groupNanos) {

    /** The phase measured by {@code meter}, from its start until now. */
    static CpuUse of(CpuMeter meter) {
        Map<String, Long> groups = new LinkedHashMap<>();
        meter.nanosByGroup(ThreadGroups::ofJavaThread)
                .forEach((group, nanos) -> groups.merge(ThreadGroups.ofJvmThread(group), nanos, Long::sum));
        return new CpuUse(
                meter.javaThreadsNanos(ThreadGroups::isStreamThread),
                meter.processNanos(),
                meter.wallNanos(),
                CpuMeter.loadAverage(),
                groups);
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

    /** Microseconds of CPU per record by thread group, largest first. */
    Map<String, Double> groupMicrosPer(long records) {
        Map<String, Double> out = new LinkedHashMap<>();
        groupNanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() / 100.0 / records) / 10.0));
        return out;
    }
}
