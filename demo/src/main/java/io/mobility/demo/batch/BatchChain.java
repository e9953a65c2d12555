package io.mobility.demo.batch;

import io.mobility.demo.process.ChildProcess;
import io.mobility.demo.process.ModuleLauncher;
import io.mobility.demo.process.ProcessGroup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch chain after the lake has caught up: gold, aggregates, features, train, score, monitor, in that order,
 * in one child JVM on batch-spark's classpath. A job this build's {@code BatchCommand} does not know is skipped
 * with a line saying so; the first job that fails stops the chain and the demo.
 */
public final class BatchChain {

    public static final List<String> JOBS = List.of("gold", "aggregates", "features", "train", "score", "monitor");

    /** What became of each job. */
    public enum Outcome { DONE, NOT_AVAILABLE, SKIPPED, FAILED, NOT_RUN }

    private static final Pattern RESULT = Pattern.compile(
            "\\[chain] (\\S+) (unknown|skipped (\\S+)|exit (\\d+) ([0-9.]+) s)");

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
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        JOBS.forEach(job -> outcomes.put(job, Outcome.NOT_RUN));
        Path demoClasses = Path.of(BatchChainMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> args = new ArrayList<>(List.of(String.join(",", JOBS), "--lake", lake.toAbsolutePath().toString(),
                "--master", "local[2]", "--shuffle-partitions", "4",
                // Training needs a warm-up week (the 168-hour lags), a training week and the held-out weeks: one
                // held-out week lets the default 4-week city (and the end-to-end test's 3 weeks) train a model.
                "--holdout-weeks", "1"));
        ChildProcess chain = processes.add(launcher.startOnClasspath("batch", launcher.classpath("batch-spark", demoClasses),
                BatchChainMain.class.getName(), args, Map.of(), List.of(), line -> show(line, outcomes)));
        int exit = chain.await(timeout);
        processes.stop(chain);
        if (exit != 0) {
            throw new IllegalStateException("The batch chain failed (exit " + exit + "); last lines of "
                    + chain.logFile() + ":" + System.lineSeparator() + chain.tail(25));
        }
        return outcomes;
    }

    private void show(String line, Map<String, Outcome> outcomes) {
        Matcher m = RESULT.matcher(line);
        if (m.find()) {
            String job = m.group(1);
            if (m.group(2).equals("unknown")) {
                outcomes.put(job, Outcome.NOT_AVAILABLE);
                out.println("   batch " + job + ": not available in this build");
            } else if (m.group(3) != null) {
                outcomes.put(job, Outcome.SKIPPED);
                out.println("   batch " + job + ": skipped, it needs " + m.group(3).replace(",", " and ")
                        + " (not available in this build)");
            } else {
                boolean ok = m.group(4).equals("0");
                outcomes.put(job, ok ? Outcome.DONE : Outcome.FAILED);
                out.println("   batch " + job + ": " + (ok ? "done" : "FAILED (exit " + m.group(4) + ")") + " in "
                        + m.group(5) + " s");
            }
        } else if (line.startsWith("[") && !(line.contains("quality check") && line.contains(" passed"))) {
            // The jobs' own progress lines ([gold] ..., [aggregates] ...); passed quality checks only in the log.
            out.println("     " + line);
        }
    }
}
