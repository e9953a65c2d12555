package io.mobility.demo.lake;

import io.mobility.demo.connect.LakeConnectors.Connector;
import io.mobility.events.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until everything produced so far is in the lake: first the streams app has consumed the raw topics up to
 * their current ends, then every connector's group (whose offsets follow its Delta tables) has reached the ends of
 * its topics as they were once the streams app had caught up. A live trickle may keep producing meanwhile; it is
 * not waited for.
 */
public final class LakeCatchUp {

    private final ConsumerLag lag;
    private final PrintStream out;
    private final BooleanSupplier stillRunning;

    public LakeCatchUp(ConsumerLag lag, PrintStream out, BooleanSupplier stillRunning) {
        this.lag = lag;
        this.out = out;
        this.stillRunning = stillRunning;
    }

    public void await(String streamsGroup, List<Connector> connectors, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> raw =
                lag.endOffsets(List.of(Topics.RIDE_EVENTS_RAW.name(), Topics.DRIVER_EVENTS_RAW.name()));
        waitFor(Map.of("streams", () -> lag.behind(streamsGroup, raw)), deadline);
        Map<String, Probe> sinks = new LinkedHashMap<>();
        for (Connector connector : connectors) {
            Map<TopicPartition, Long> ends = lag.endOffsets(connector.topics());
            sinks.put(connector.name(), () -> lag.behind("connect-" + connector.name(), ends));
        }
        waitFor(sinks, deadline);
    }

    private interface Probe {
        long behind();
    }

    private void waitFor(Map<String, Probe> probes, long deadline) {
        long lastPrint = 0;
        long lastBehind = -1;
        while (true) {
            Map<String, Long> behind = new LinkedHashMap<>();
            probes.forEach((name, probe) -> behind.put(name, probe.behind()));
            long total = behind.values().stream().mapToLong(Long::longValue).sum();
            boolean done = total == 0;
            long now = System.nanoTime();
            if (done || now - lastPrint > Duration.ofSeconds(10).toNanos()) {
                out.println("   behind: "
                        + behind.entrySet().stream()
                                .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
                                .collect(Collectors.joining(", "))
                        + (done ? "  -> caught up" : eta(lastBehind, total, now - lastPrint)));
                lastPrint = now;
                lastBehind = total;
            }
            if (done) {
                return;
            }
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException("A component stopped while waiting for the lake to catch up");
            }
            if (now > deadline) {
                throw new IllegalStateException("The lake did not catch up in time; still behind: " + behind);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for the lake", e);
            }
        }
    }

    /** How long the rest should take at the pace since the last line, for the default city's long waits. */
    private static String eta(long before, long now, long elapsedNanos) {
        if (before <= now || elapsedNanos <= 0) {
            return "";
        }
        double perSecond = (before - now) / (elapsedNanos / 1e9);
        long seconds = Math.round(now / perSecond);
        return String.format("  (%,.0f records/s, about %d min %02d s to go)", perSecond, seconds / 60, seconds % 60);
    }
}
