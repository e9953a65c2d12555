package io.mobility.batch;

import io.mobility.batch.aggregate.AggregatesJob;
import io.mobility.batch.demand.TrainJob;
import io.mobility.batch.feature.FeaturesJob;
import io.mobility.batch.gold.GoldJob;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.maintenance.MaintainJob;
import io.mobility.batch.model.NotEnoughHistoryException;
import io.mobility.batch.monitoring.MonitorJob;
import io.mobility.batch.quality.QualityGateException;
import io.mobility.batch.scoring.ScoreJob;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./mobility batch <job> [options]}, and the job jar's main class for spark-submit. Adding a job is one
 * line in {@link #JOBS}.
 */
public final class BatchCommand {

    record Subcommand(String description, String options, Supplier<BatchJob> job) {
    }

    /** Exit status of a job that found too little history to work on (train); 1 is a failure, 2 a usage error. */
    public static final int NOT_ENOUGH_HISTORY = 3;

    static final Map<String, Subcommand> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put(GoldJob.NAME, new Subcommand("silver changes -> gold star schema (dimensions, fact_ride, driver activity)", "", GoldJob::new));
        JOBS.put(AggregatesJob.NAME, new Subcommand("gold fact changes -> zone x hour, driver, zone and city daily aggregates", "", AggregatesJob::new));
        JOBS.put(MaintainJob.NAME, new Subcommand("OPTIMIZE and VACUUM every Delta table of the lake",
                "  --retain-hours N        VACUUM keeps files younger than N hours (default 168)\n"
                        + "  --layers a,b            layers to maintain (default bronze,silver,gold,_state)\n"
                        + "  --allow-short-retention true   allow --retain-hours below 168 (only when nothing else uses the lake)\n",
                MaintainJob::new));
        JOBS.put(FeaturesJob.NAME, new Subcommand("agg_zone_hour + dim_zone -> gold/features_zone_hour and the online feature snapshot", FeaturesJob.OPTIONS, FeaturesJob::new));
        JOBS.put(TrainJob.NAME, new Subcommand("features -> demand (GBT) and surge models, evaluated, registered under models/, promoted if better", TrainJob.OPTIONS, TrainJob::new));
        JOBS.put(ScoreJob.NAME, new Subcommand("current demand model -> gold/predictions for the next H hours of every zone (idempotent MERGE)", ScoreJob.OPTIONS, ScoreJob::new));
        JOBS.put(MonitorJob.NAME, new Subcommand("past predictions vs actuals, feature drift (PSI) -> monitoring tables, charts, latest.json", MonitorJob.OPTIONS, MonitorJob::new));
    }

    private BatchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || isHelp(args[0])) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        Subcommand sub = JOBS.get(args[0]);
        if (sub == null) {
            err.println("unknown batch job '" + args[0] + "'; known: " + String.join(", ", JOBS.keySet()));
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().anyMatch(BatchCommand::isHelp)) {
            out.println("usage: ./mobility batch " + args[0] + " [options]\n\n  " + sub.description() + "\n");
            out.print(commonOptions());
            out.print(sub.options());
            return 0;
        }
        BatchOptions options;
        try {
            options = BatchOptions.parse(rest);
        } catch (IllegalArgumentException e) {
            err.println("batch " + args[0] + ": " + e.getMessage());
            return 2;
        }
        SparkSession spark = BatchSession.create(options);
        try {
            sub.job().get().run(spark, Lake.at(options.lake()), options);
            return 0;
        } catch (NotEnoughHistoryException e) {
            err.println("batch " + args[0] + " skipped: " + e.getMessage());
            return NOT_ENOUGH_HISTORY;
        } catch (QualityGateException | IllegalArgumentException e) {
            err.println("batch " + args[0] + " failed: " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static void usage(PrintStream out) {
        out.println("usage: ./mobility batch JOB [options]\n\njobs:");
        JOBS.forEach((name, sub) -> out.printf("  %-12s %s%n", name, sub.description()));
        out.println("\noptions for every job:");
        out.print(commonOptions());
        out.println("\n./mobility batch JOB --help shows a job's own options.");
        out.println("exit status: 0 done, 1 failed, 2 usage error, " + NOT_ENOUGH_HISTORY
                + " skipped (not enough history to train on yet)");
    }

    private static String commonOptions() {
        return "  --lake PATH             lake root with bronze/, silver/, gold/, _state/ (default: ./" + BatchOptions.DEFAULT_LAKE + ")\n"
                + "  --master URL            Spark master (default: " + BatchOptions.DEFAULT_MASTER + ")\n"
                + "  --shuffle-partitions N  spark.sql.shuffle.partitions (default: " + BatchOptions.DEFAULT_SHUFFLE_PARTITIONS + ")\n";
    }
}
