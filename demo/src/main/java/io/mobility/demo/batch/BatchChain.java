package io.mobility.demo.batch;

import io.mobility.demo.process.ChildProcess;
import io.mobility.demo.process.ModuleLauncher;
import io.mobility.demo.process.ProcessGroup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batch chain after the lake has caught up: gold, aggregates, features, train, score, monitor, in that order,
 * in one child JVM on batch-spark's classpath. A job this build's {@code BatchCommand} does not know is skipped
 * with a line saying so; so is train on too short a history, and then score and monitor (no model); the first job
 * that fails stops the chain and the demo.
 */
public final class BatchChain {

    public static final List<String> JOBS = List.of("gold", "aggregates", "features", "train", "score", "monitor");

    /** What became of each job. */
    public enum Outcome {
        DONE,
        NOT_AVAILABLE,
        /** A job it needs is not in this build. */
        SKIPPED,
        /** The lake holds too little history for it (train: less than about three weeks). */
        SHORT_HISTORY,
        /** A job it needs was skipped for want of history, so there is no model to score or monitor. */
        NO_MODEL,
        FAILED,
        NOT_RUN
    }

    private final ModuleLauncher launcher;
    private final ProcessGroup processes;
    private final PrintStream out;

    /** The chain's JVM joins {@code processes}, so that Ctrl-C stops it with the rest. */
    public BatchChain(ModuleLauncher launcher, ProcessGroup processes, PrintStream out) {
        this.launcher = launcher;
        this.processes = processes;
        this.out = out;
    }

    public Map<String, Outcome> run(Path lake, Duration timeout) {
        ChainProgress progress = new ChainProgress(JOBS, out);
        Path demoClasses = Path.of(BatchChainMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        List<String> args = new ArrayList<>(List.of(
                String.join(",", JOBS),
                "--lake",
                lake.toAbsolutePath().toString(),
                "--master",
                "local[2]",
                "--shuffle-partitions",
                "4",
                // Training needs a warm-up week (the 168-hour lags), a training week and the held-out weeks: one
                // held-out week lets the default 4-week city (and the end-to-end test's 3 weeks) train a model.
                "train:--holdout-weeks",
                "1"));
        ChildProcess chain = processes.add(launcher.startOnClasspath(
                "batch",
                launcher.classpath("batch-spark", demoClasses),
                BatchChainMain.class.getName(),
                args,
                Map.of(),
                List.of(),
                progress::accept));
        int exit = chain.await(timeout);
        processes.stop(chain);
        if (exit != 0) {
            throw new IllegalStateException("The batch chain failed (exit " + exit + "); last lines of "
                    + chain.logFile() + ":" + System.lineSeparator() + chain.tail(25));
        }
        return progress.outcomes();
    }
}
