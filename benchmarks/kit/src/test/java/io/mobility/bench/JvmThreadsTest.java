package io.mobility.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmThreadsTest {

    @Test
    void namesTheJvmsOwnThreadsByTheKernelsTruncatedNames() {
        assertThat(JvmThreads.group("C2 CompilerThre")).isEqualTo(JvmThreads.JIT);
        assertThat(JvmThreads.group("C1 CompilerThre")).isEqualTo(JvmThreads.JIT);
        assertThat(JvmThreads.group("GC Thread#0")).isEqualTo(JvmThreads.GC);
        assertThat(JvmThreads.group("G1 Conc#0")).isEqualTo(JvmThreads.GC);
        assertThat(JvmThreads.group("VM Thread")).isEqualTo(JvmThreads.VM);
        assertThat(JvmThreads.group("main")).isNull();
        assertThat(JvmThreads.group("kafka-producer-")).isNull();
    }

    @Test
    void deltasAreTakenPerThreadSoThreadsThatComeAndGoAreCountedOnce() {
        Map<String, Long> start = Map.of("jit:10", 100L, "jit:11", 50L, "gc:20", 7L);
        // jit:11 ended (its time since start is lost, not negative); jit:12 started after the first reading.
        Map<String, Long> now = Map.of("jit:10", 160L, "jit:12", 30L, "gc:20", 9L);

        assertThat(JvmThreads.deltaByGroup(start, now))
                .containsExactlyInAnyOrderEntriesOf(Map.of(JvmThreads.JIT, 90L, JvmThreads.GC, 2L, JvmThreads.VM, 0L));
    }

    @Test
    void theProcessCpuCountsWorkDoneOnAnyThread() throws Exception {
        long before = JvmThreads.processCpuNanos();
        Thread worker = new Thread(() -> {
            long end = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + 50_000_000;
            while (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < end) {
                Thread.onSpinWait(); // 50 ms of CPU on another thread than the test's
            }
        });
        worker.start();
        worker.join();
        assertThat(JvmThreads.processCpuNanos() - before).isGreaterThanOrEqualTo(50_000_000);
    }
}
