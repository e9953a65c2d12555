package io.mobility.bench.sink;

import io.mobility.platform.cpu.JvmThreads;
import java.time.Duration;

/** CPU time used by this JVM (broker, Connect worker) plus, if given, a child process (the Spark JVM), from a start. */
final class CpuClock {

    private final ProcessHandle child;
    private final long startNanos;

    private CpuClock(ProcessHandle child) {
        this.child = child;
        this.startNanos = nanos();
    }

    static CpuClock start(ProcessHandle child) {
        return new CpuClock(child);
    }

    double secondsSinceStart() {
        return (nanos() - startNanos) / 1e9;
    }

    private long nanos() {
        long own = JvmThreads.processCpuNanos();
        long other = child == null ? 0 : child.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("The CPU time of process " + child.pid()
                        + " is not available on this system"));
        return own + other;
    }
}
