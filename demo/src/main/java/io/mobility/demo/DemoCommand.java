package io.mobility.demo;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./mobility demo}: the whole pipeline on this machine (see {@link Pipeline} for the steps, docs/demo.md for
 * what runs where). Ctrl-C, or the end of the summary with {@code --exit}, stops every part.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "The whole pipeline on this machine, each part in its own JVM: Kafka (KRaft) and the schema registry,",
            "a Kafka Connect worker with the Delta sink (bronze, silver, rides, reference, quarantine connectors),",
            "the streams app, a simulated city (history, then a live trickle), the batch chain (gold, aggregates,",
            "features, train, score, monitor) and the API. Prints progress, then a summary; Ctrl-C stops everything.",
            "Running it again resumes: the data directory keeps the topics, the lake and the connectors, and the",
            "history is not simulated twice. --fresh starts from nothing. docs/demo.md explains it all."
        })
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    DemoOptions.Arguments arguments;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    private DemoCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        return new CommandLine(new DemoCommand(out))
                .setOut(writer)
                .setErr(writer)
                .execute(args);
    }

    @Override
    public Integer call() {
        DemoOptions options;
        try {
            options = arguments.options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return run(options, out);
    }

    private static int run(DemoOptions options, PrintStream out) {
        Path root;
        try {
            root = projectRoot();
        } catch (IllegalStateException e) {
            out.println("demo: " + e.getMessage());
            return 2;
        }
        DataDir data = new DataDir(options.dataDir());
        boolean resumed;
        try {
            resumed = data.prepare(options.fresh(), options.scale(), out);
        } catch (IllegalArgumentException e) {
            out.println("demo: " + e.getMessage());
            return 2;
        }
        // Before the first logger: the in-process broker and registry log to <data>/logs/platform.log.
        System.setProperty("mobility.demo.log.dir", data.logs().toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-demo-log4j2.xml");
        }
        Pipeline pipeline = new Pipeline(options, data, root, out);
        Thread hook = new Thread(
                () -> {
                    out.println();
                    out.println("== Stopping (Ctrl-C)");
                    pipeline.stop();
                },
                "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            pipeline.run(resumed);
            if (options.exitAfterSummary()) {
                status = 0;
            } else {
                out.println("== Running; Ctrl-C stops everything");
                status = pipeline.watch();
            }
        } catch (RuntimeException e) {
            if (!pipeline.stopping()) {
                out.println("demo: " + e.getMessage());
            }
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            return status; // the hook is stopping everything
        }
        out.println("== Stopping");
        pipeline.stop();
        return status;
    }

    /**
     * The project's root, where the modules' target directories are: {@code -Dmobility.root} (set by ./mobility and
     * the build), else the nearest directory up from here with the {@code mobility} script and a pom.xml.
     */
    static Path projectRoot() {
        String property = System.getProperty("mobility.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mobility")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project (a directory with ./mobility and pom.xml) from "
                + Path.of("").toAbsolutePath() + "; set -Dmobility.root=DIR");
    }
}
