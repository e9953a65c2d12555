package io.mobility.demo.batch;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs several {@code ./mobility batch} jobs one after the other in one JVM, on batch-spark's classpath: each job
 * exactly as {@code BatchCommand} runs it (its own Spark session, its exit status), without paying the JVM and
 * Spark class loading once per job. Loaded by name, so the demo module itself never carries Spark.
 *
 * <p>Usage: {@code BatchChainMain JOB[,JOB...] [batch options...]}: options go to every job, except one written
 * {@code JOB:--name value}, which goes to that job only (as {@code --name value}): each job refuses options it does
 * not have. For every job it prints
 * {@code [chain] JOB exit N}, {@code [chain] JOB unknown}, {@code [chain] JOB short-history REASON} when the job
 * found too little history to work on (train on less than about three weeks: see {@link ShortHistory}), or
 * {@code [chain] JOB skipped NEEDED} when a job it needs did not run (monitoring without scoring has nothing to read);
 * it stops at the first failed job.
 */
public final class BatchChainMain {

    static final String UNKNOWN_JOB = "unknown batch job";

    /** What each job reads that an earlier job of the chain writes (docs/model-format.md, docs/gold.md). */
    static final Map<String, List<String>> NEEDS = Map.of(
            "aggregates", List.of("gold"),
            "features", List.of("gold", "aggregates"),
            "train", List.of("features"),
            "score", List.of("features", "train"),
            "monitor", List.of("aggregates", "score"));

    private BatchChainMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: BatchChainMain JOB[,JOB...] [batch options, e.g. --lake DIR; "
                    + "train:--holdout-weeks 1 for one job only]");
            System.exit(args.length == 0 ? 2 : 0);
        }
        Method run = Class.forName("io.mobility.batch.BatchCommand")
                .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        List<String> options = Arrays.asList(args).subList(1, args.length);
        int status = 0;
        Set<String> missing = new HashSet<>();
        for (String job : args[0].split(",")) {
            List<String> absent = NEEDS.getOrDefault(job, List.of()).stream()
                    .filter(missing::contains)
                    .toList();
            if (!absent.isEmpty()) {
                missing.add(job);
                System.out.println("[chain] " + job + " skipped " + String.join(",", absent));
                continue;
            }
            List<String> jobArgs = new ArrayList<>();
            jobArgs.add(job);
            jobArgs.addAll(optionsFor(job, options));
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(new Tee(System.err, errors), true, StandardCharsets.UTF_8);
            long started = System.nanoTime();
            int exit;
            try {
                exit = (int) run.invoke(null, jobArgs.toArray(String[]::new), System.out, err);
            } catch (InvocationTargetException e) {
                e.getCause().printStackTrace();
                exit = 1;
            }
            err.flush();
            String message = errors.toString(StandardCharsets.UTF_8);
            if (exit == 2 && message.contains(UNKNOWN_JOB)) {
                missing.add(job);
                System.out.println("[chain] " + job + " unknown");
                continue;
            }
            var tooShort = ShortHistory.reason(exit, message);
            if (tooShort.isPresent()) {
                missing.add(job);
                System.out.println("[chain] " + job + " short-history " + tooShort.get());
                continue;
            }
            System.out.printf("[chain] %s exit %d %.1f s%n", job, exit, (System.nanoTime() - started) / 1e9);
            if (exit != 0) {
                status = exit;
                break;
            }
        }
        System.out.flush();
        System.exit(status);
    }

    /** The options for {@code job}: every plain one, and those written {@code job:--name [value]} as {@code --name}. */
    static List<String> optionsFor(String job, List<String> options) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            int colon = option.indexOf(":--");
            if (colon < 0) {
                mine.add(option);
                continue;
            }
            // --name value: the value belongs to the same job; --name=value carries its own
            boolean valueFollows = !option.contains("=") && i + 1 < options.size();
            if (option.substring(0, colon).equals(job)) {
                mine.add(option.substring(colon + 1));
                if (valueFollows) {
                    mine.add(options.get(i + 1));
                }
            }
            if (valueFollows) {
                i++;
            }
        }
        return mine;
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) {
            try {
                a.write(c);
                b.write(c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            try {
                a.write(buf, off, len);
                b.write(buf, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
            try {
                a.flush();
                b.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
