package io.mobility.batch;

import io.mobility.batch.aggregate.AggregatesJob;
import io.mobility.batch.demand.TrainJob;
import io.mobility.batch.feature.FeaturesJob;
import io.mobility.batch.gold.GoldJob;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.maintenance.MaintainJob;
import io.mobility.batch.model.GbtSettings;
import io.mobility.batch.model.NotEnoughHistoryException;
import io.mobility.batch.monitoring.MonitorJob;
import io.mobility.batch.quality.QualityGateException;
import io.mobility.batch.scoring.ScoreJob;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./mobility batch <job> [options]}, and the job jar's main class for spark-submit. Each job is a picocli
 * subcommand declaring its own options, so a misspelled option is a usage error (exit 2) naming the right one instead
 * of being ignored. Adding a job is one entry in {@link #JOBS}. Only {@link Job#job} touches the job's class: parsing
 * and {@code --help} load neither Spark nor the jobs.
 */
public final class BatchCommand {

    /** A job's own option: its value is checked against {@code type} while parsing, and handed to the job as text. */
    record JobOption(String name, String label, Class<?> type, String description) {}

    record Job(String description, List<JobOption> options, Supplier<BatchJob> job) {}

    /** Exit status of a job that found too little history to work on (train); 1 is a failure, 2 a usage error. */
    public static final int NOT_ENOUGH_HISTORY = 3;

    private static final JobOption AS_OF = new JobOption(
            "--as-of",
            "INSTANT",
            String.class,
            "the data is known up to here (e.g. 2026-11-27T10:00:00Z; default: the latest ride request in "
                    + "gold/fact_ride): only hours that ended by then are observed");

    private static final int USAGE_WIDTH = 110;

    static final Map<String, Job> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put(
                GoldJob.NAME,
                new Job(
                        "silver changes -> gold star schema (dimensions, fact_ride, driver activity)",
                        List.of(),
                        GoldJob::new));
        JOBS.put(
                AggregatesJob.NAME,
                new Job(
                        "gold fact changes -> zone x hour, driver, zone and city daily aggregates",
                        List.of(),
                        AggregatesJob::new));
        JOBS.put(
                MaintainJob.NAME,
                new Job(
                        "OPTIMIZE and VACUUM every Delta table of the lake",
                        List.of(
                                new JobOption(
                                        "--retain-hours",
                                        "N",
                                        Long.class,
                                        "VACUUM keeps files younger than N hours (default "
                                                + MaintainJob.DEFAULT_RETAIN_HOURS + ")"),
                                new JobOption(
                                        "--layers",
                                        "a,b",
                                        String.class,
                                        "layers to maintain (default bronze,silver,gold,_state)"),
                                new JobOption(
                                        "--allow-short-retention",
                                        "true",
                                        Boolean.class,
                                        "allow --retain-hours below " + MaintainJob.DEFAULT_RETAIN_HOURS
                                                + " (only when nothing else uses the lake)")),
                        MaintainJob::new));
        JOBS.put(
                FeaturesJob.NAME,
                new Job(
                        "agg_zone_hour + dim_zone -> gold/features_zone_hour and the online feature snapshot",
                        List.of(AS_OF),
                        FeaturesJob::new));
        JOBS.put(
                TrainJob.NAME,
                new Job(
                        "features -> demand (GBT) and surge models, evaluated, "
                                + "registered under models/, promoted if better",
                        List.of(
                                new JobOption(
                                        "--model",
                                        "demand|surge|all",
                                        String.class,
                                        "which model(s) to train (default all)"),
                                new JobOption(
                                        "--holdout-weeks",
                                        "N",
                                        Long.class,
                                        "weeks held out at the end, one rolling-origin fold each (default 2)"),
                                new JobOption(
                                        "--trees",
                                        "N",
                                        Long.class,
                                        "boosting iterations (default " + GbtSettings.DEFAULT_TREES + ")"),
                                new JobOption(
                                        "--depth",
                                        "N",
                                        Long.class,
                                        "tree depth (default " + GbtSettings.DEFAULT_DEPTH + ")"),
                                new JobOption(
                                        "--step-size",
                                        "X",
                                        Double.class,
                                        "learning rate (default " + GbtSettings.DEFAULT_STEP_SIZE + ")"),
                                new JobOption("--seed", "N", Long.class, "random seed (default 42)")),
                        TrainJob::new));
        JOBS.put(
                ScoreJob.NAME,
                new Job(
                        "current demand model -> gold/predictions for the next H hours of every zone "
                                + "(idempotent MERGE)",
                        List.of(
                                new JobOption(
                                        "--horizon",
                                        "H",
                                        Long.class,
                                        "hours to forecast after the last closed hour " + "(default "
                                                + ScoreJob.DEFAULT_HORIZON + ", at most 168)"),
                                AS_OF),
                        ScoreJob::new));
        JOBS.put(
                MonitorJob.NAME,
                new Job(
                        "past predictions vs actuals, feature drift (PSI) -> monitoring tables, charts, latest.json",
                        List.of(
                                new JobOption("--model", "NAME", String.class, "model to monitor (default demand)"),
                                new JobOption(
                                        "--days",
                                        "N",
                                        Long.class,
                                        "days monitored, ending with the last closed hour (default 7)"),
                                new JobOption(
                                        "--chart-zones",
                                        "N",
                                        Long.class,
                                        "busiest zones drawn in the forecast chart (default 3)"),
                                AS_OF),
                        MonitorJob::new));
    }

    private BatchCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine batch = commandLine();
        batch.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        batch.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        batch.setParameterExceptionHandler(BatchCommand::usageError);
        batch.setExecutionStrategy(parsed -> execute(batch, parsed, err));
        return batch.execute(args);
    }

    /** The parser of every job; building it loads no job class. */
    static CommandLine commandLine() {
        CommandSpec top = CommandSpec.create().name("batch").addOption(helpOption());
        top.usageMessage()
                .width(USAGE_WIDTH)
                .customSynopsis("./mobility batch JOB [options]")
                .description("Spark jobs over the lake (docs/gold.md, docs/ml.md, docs/monitoring.md).")
                .commandListHeading("%nJobs:%n")
                .footer(footer());
        top.exitCodeOnInvalidInput(CommandLine.ExitCode.USAGE);
        CommandLine batch = new CommandLine(top);
        batch.addSubcommand("help", new CommandLine.HelpCommand());
        JOBS.forEach((name, job) -> {
            CommandSpec spec = CommandSpec.create().name(name).addOption(helpOption());
            spec.usageMessage()
                    .width(USAGE_WIDTH)
                    .description(job.description())
                    .sortOptions(false);
            commonOptions().forEach(spec::addOption);
            for (JobOption option : job.options()) {
                spec.addOption(OptionSpec.builder(option.name())
                        .paramLabel(option.label())
                        .type(option.type())
                        .arity("1")
                        .description(option.description())
                        .build());
            }
            batch.addSubcommand(name, new CommandLine(spec));
        });
        return batch;
    }

    private static OptionSpec helpOption() {
        return OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build();
    }

    private static List<OptionSpec> commonOptions() {
        return List.of(
                OptionSpec.builder("--lake")
                        .paramLabel("PATH")
                        .type(String.class)
                        .defaultValue(BatchOptions.DEFAULT_LAKE)
                        .description("lake root with bronze/, silver/, gold/, _state/ (default: ./${DEFAULT-VALUE})")
                        .build(),
                OptionSpec.builder("--master")
                        .paramLabel("URL")
                        .type(String.class)
                        .defaultValue(BatchOptions.DEFAULT_MASTER)
                        .description("Spark master (default: ${DEFAULT-VALUE})")
                        .build(),
                OptionSpec.builder("--shuffle-partitions")
                        .paramLabel("N")
                        .type(Integer.class)
                        .defaultValue(String.valueOf(BatchOptions.DEFAULT_SHUFFLE_PARTITIONS))
                        .description("spark.sql.shuffle.partitions (default: ${DEFAULT-VALUE})")
                        .build());
    }

    private static String footer() {
        CommandSpec common = CommandSpec.create();
        common.usageMessage().width(USAGE_WIDTH);
        commonOptions().forEach(common::addOption);
        return "%nOptions for every job:%n"
                + new CommandLine(common).getHelp().optionList().replace("%", "%%")
                + "%n./mobility batch JOB --help shows a job's own options.%n"
                + "exit status: 0 done, 1 failed, 2 usage error, " + NOT_ENOUGH_HISTORY
                + " skipped (not enough history to train on yet)";
    }

    private static int execute(CommandLine batch, ParseResult parsed, PrintStream err) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (!parsed.hasSubcommand()) {
            throw new ParameterException(batch, "name a job: " + String.join(", ", JOBS.keySet()));
        }
        ParseResult jobArgs = parsed.subcommand();
        String name = jobArgs.commandSpec().name();
        BatchOptions options = options(jobArgs);
        SparkSession spark = BatchSession.create(options);
        try {
            JOBS.get(name).job().get().run(spark, Lake.at(options.lake()), options);
            return 0;
        } catch (NotEnoughHistoryException e) {
            err.println("batch " + name + " skipped: " + e.getMessage());
            return NOT_ENOUGH_HISTORY;
        } catch (QualityGateException | IllegalArgumentException e) {
            err.println("batch " + name + " failed: " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }

    /** The job's options as the jobs read them: the common ones typed, its own by name (without --), as given. */
    static BatchOptions options(ParseResult jobArgs) {
        int partitions = jobArgs.matchedOptionValue("--shuffle-partitions", BatchOptions.DEFAULT_SHUFFLE_PARTITIONS);
        if (partitions < 1) {
            throw new ParameterException(
                    jobArgs.commandSpec().commandLine(),
                    "option --shuffle-partitions must be a positive whole number, got '" + partitions + "'");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (JobOption option : JOBS.get(jobArgs.commandSpec().name()).options()) {
            if (jobArgs.hasMatchedOption(option.name())) {
                List<String> given = jobArgs.matchedOption(option.name()).originalStringValues();
                extra.put(option.name().substring(2), given.get(given.size() - 1));
            }
        }
        return new BatchOptions(
                jobArgs.matchedOptionValue("--lake", BatchOptions.DEFAULT_LAKE),
                jobArgs.matchedOptionValue("--master", BatchOptions.DEFAULT_MASTER),
                partitions,
                Map.copyOf(extra));
    }

    /** picocli's message plus, for a misspelled job or option, the ones meant ("Did you mean"). */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        boolean atTop = command.getParent() == null;
        if (e instanceof UnmatchedArgumentException unmatched
                && atTop
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            err.println("unknown batch job '" + unmatched.getUnmatched().get(0) + "'; known: "
                    + String.join(", ", JOBS.keySet()));
        } else {
            err.println((atTop ? "batch: " : "batch " + command.getCommandName() + ": ") + e.getMessage());
        }
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println(
                "Run ./mobility batch" + (atTop ? "" : " " + command.getCommandName()) + " --help for the options.");
        return CommandLine.ExitCode.USAGE;
    }
}
