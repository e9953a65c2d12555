package io.mobility.demo.summary;

import io.mobility.demo.batch.BatchChain;
import io.mobility.simulator.manifest.Manifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/** What the demo did, printed at the end: inputs, quarantine, duplicates, the lake, the models, the API. */
public record Summary(
        Duration took,
        Manifest.Totals manifest,
        Map<String, Long> quarantined,
        OptionalLong duplicatesDropped,
        Map<String, OptionalLong> tableRows,
        Map<String, BatchChain.Outcome> batch,
        List<String> modelLines,
        List<String> samplePredictions,
        Map<String, String> urls,
        Path logs) {

    /** Whether the quarantine topic holds exactly the faults the simulator says it injected, reason by reason. */
    public boolean quarantineReconciles() {
        return FaultReasons.expectedQuarantine(manifest.faults()).equals(quarantined);
    }

    public void print(PrintStream out) {
        out.println();
        out.printf("== Summary (the demo took %d min %02d s)%n", took.toMinutes(), took.toSecondsPart());
        out.printf("   events in: %,d records simulated (history, dirty data included)%n", manifest.recordsTotal());
        manifest.recordsByTopic().forEach((topic, n) -> out.printf("      %-34s %,12d%n", topic, n));
        out.println("   quarantined by reason: in mobility.quarantine / expected from the simulator's faults");
        Map<String, Long> expected = FaultReasons.expectedQuarantine(manifest.faults());
        for (String reason : new TreeSet<>(union(expected.keySet(), quarantined.keySet()))) {
            long actual = quarantined.getOrDefault(reason, 0L);
            long wanted = expected.getOrDefault(reason, 0L);
            out.printf("      %-34s %,12d / %,d  %s%n", reason, actual, wanted, actual == wanted ? "ok" : "MISMATCH");
        }
        out.printf(
                "   duplicates dropped: %s (the simulator sent %,d duplicates)%n",
                duplicatesDropped.isPresent()
                        ? String.format("%,d since the streams app started", duplicatesDropped.getAsLong())
                        : "unknown (streams app not answering)",
                manifest.faults().getOrDefault("duplicate", 0L));
        out.println("   rows per Delta table:");
        tableRows.forEach((table, rows) -> out.printf(
                "      %-34s %12s%n", table, rows.isPresent() ? String.format("%,d", rows.getAsLong()) : "?"));
        out.println("   batch jobs: "
                + String.join(
                        ", ",
                        batch.entrySet().stream()
                                .map(e -> e.getKey() + " " + label(e.getValue()))
                                .toList()));
        out.println("   models (holdout metrics against baselines):");
        if (batch.containsValue(BatchChain.Outcome.SHORT_HISTORY)) {
            out.println("      train skipped: the history is too short to train on (about three weeks are needed: a "
                    + "warm-up week, a training week, a held-out week); try --weeks 3");
        }
        modelLines.forEach(line -> out.println("      " + line));
        out.println("   sample predictions:");
        samplePredictions.forEach(line -> out.println("      " + line));
        out.println("   where to look:");
        urls.forEach((name, url) -> out.printf("      %-22s %s%n", name, url));
        out.println("      logs                   " + logs);
    }

    private static String label(BatchChain.Outcome outcome) {
        return switch (outcome) {
            case DONE -> "done";
            case NOT_AVAILABLE -> "not available in this build";
            case SKIPPED -> "skipped (a job it needs is not in this build)";
            case SHORT_HISTORY -> "skipped (not enough history)";
            case NO_MODEL -> "skipped (no model)";
            case FAILED -> "FAILED";
            case NOT_RUN -> "not run";
        };
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
