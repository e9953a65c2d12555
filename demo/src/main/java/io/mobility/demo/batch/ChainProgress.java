package io.mobility.demo.batch;

import io.mobility.demo.batch.BatchChain.Outcome;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the chain JVM's output ({@link BatchChainMain}'s {@code [chain]} lines and the jobs' own progress), keeps what
 * became of each job and tells the user in plain words, including why a job was skipped.
 */
final class ChainProgress {

    private static final Pattern RESULT =
            Pattern.compile("\\[chain] (\\S+) (unknown|short-history (.+)|skipped (\\S+)|exit (\\d+) ([0-9.]+) s)");

    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final PrintStream out;

    ChainProgress(List<String> jobs, PrintStream out) {
        jobs.forEach(job -> outcomes.put(job, Outcome.NOT_RUN));
        this.out = out;
    }

    Map<String, Outcome> outcomes() {
        return outcomes;
    }

    void accept(String line) {
        Matcher m = RESULT.matcher(line);
        if (!m.find()) {
            if (line.startsWith("[") && !(line.contains("quality check") && line.contains(" passed"))) {
                // The jobs' own progress lines ([gold] ..., [aggregates] ...); passed quality checks only in the log.
                out.println("     " + line);
            }
            return;
        }
        String job = m.group(1);
        if (m.group(2).equals("unknown")) {
            outcomes.put(job, Outcome.NOT_AVAILABLE);
            out.println("   batch " + job + ": not available in this build");
        } else if (m.group(3) != null) {
            outcomes.put(job, Outcome.SHORT_HISTORY);
            out.println("   batch " + job + ": skipped, " + m.group(3));
        } else if (m.group(4) != null) {
            List<String> needed = List.of(m.group(4).split(","));
            // A job that needs one skipped for want of history has no model to work with; else a job is missing.
            boolean noModel = needed.stream()
                    .map(outcomes::get)
                    .anyMatch(o -> o == Outcome.SHORT_HISTORY || o == Outcome.NO_MODEL);
            outcomes.put(job, noModel ? Outcome.NO_MODEL : Outcome.SKIPPED);
            out.println("   batch " + job + ": skipped, "
                    + (noModel
                            ? "no model (" + String.join(" and ", needed) + " skipped: not enough history)"
                            : "it needs " + String.join(" and ", needed) + " (not available in this build)"));
        } else {
            boolean ok = m.group(5).equals("0");
            outcomes.put(job, ok ? Outcome.DONE : Outcome.FAILED);
            out.println("   batch " + job + ": " + (ok ? "done" : "FAILED (exit " + m.group(5) + ")") + " in "
                    + m.group(6) + " s");
        }
    }
}
