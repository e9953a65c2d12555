package io.mobility.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long BURN_NANOS = 200_000_000;

    @Test
    void cpuBurntOnANamedThreadIsChargedToItsGroupAndTheProcessNotToTheStartingThread() throws Exception {
        long ownBefore = THREADS.getCurrentThreadCpuTime();
        CpuMeter meter = CpuMeter.start();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread worker = new Thread(
                () -> {
                    burn();
                    burnt.countDown();
                    await(read); // alive while the meter reads it: an ended thread's CPU is no longer charged to its
                    // group
                },
                "burner-1");
        worker.start();
        burnt.await();

        Map<String, Long> groups = meter.nanosByGroup(name -> name.startsWith("burner") ? "burners" : "rest");
        long burners = meter.javaThreadsNanos(name -> name.startsWith("burner"));
        long process = meter.processNanos();
        long starting = meter.startingThreadNanos();
        long own = THREADS.getCurrentThreadCpuTime() - ownBefore;
        read.countDown();
        worker.join();

        assertThat(groups.get("burners")).isGreaterThanOrEqualTo(BURN_NANOS);
        assertThat(burners).isGreaterThanOrEqualTo(BURN_NANOS);
        assertThat(process).isGreaterThanOrEqualTo(BURN_NANOS);
        assertThat(starting).isBetween(0L, own); // this thread's CPU only, not the burner's
        assertThat(groups).containsKeys(CpuMeter.JIT, CpuMeter.GC, CpuMeter.VM, CpuMeter.UNCHARGED);
        assertThat(groups.values()).allSatisfy(nanos -> assertThat(nanos).isNotNegative());
        // the groups share out the process's CPU, no more: Linux counts a process's CPU in clock ticks (10 ms) and a
        // thread's in nanoseconds, hence the two ticks of slack
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(process + 20_000_000);
    }

    private static void burn() {
        long end = THREADS.getCurrentThreadCpuTime() + BURN_NANOS;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
