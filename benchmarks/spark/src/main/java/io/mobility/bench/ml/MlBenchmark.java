package io.mobility.bench.ml;

import io.mobility.batch.BatchOptions;
import io.mobility.batch.BatchSession;
import io.mobility.batch.JobProgress;
import io.mobility.batch.demand.DemandTrainer;
import io.mobility.batch.feature.FeaturesJob;
import io.mobility.batch.fixture.SimulatedCity;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.batch.model.ForecastMetrics;
import io.mobility.batch.model.GbtSettings;
import io.mobility.batch.scoring.ScoreJob;
import io.mobility.batch.surge.SurgeTrainer;
import io.mobility.bench.BenchmarkReport;
import io.mobility.lake.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./mobility bench ml}: a generated city (default 30 zones over 8 weeks) through features, demand and surge
 * training, and scoring. Reports training seconds, scoring rows per second and the holdout accuracy of the model
 * against seasonal-naive and the trailing mean, measured in the same run; {@code "ratio"} is the model's WAPE over
 * seasonal-naive's (lower is better, the goal is at most 0.85). Last stdout line: one JSON object.
 */
public final class MlBenchmark {

    private MlBenchmark() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("""
                    usage: ./mobility bench ml [options]

                      Simulates a city, then times features, train (demand + surge) and score on it.
                      --zones N               zones of the simulated city (default 30)
                      --weeks N               simulated weeks, at least 5 (default 8)
                      --requests X            mean requests per zone-hour (default 12)
                      --drivers N             fleet size (default 2 x zones x requests)
                      --horizon H             scoring horizon in hours (default 24)
                      --trees N, --depth N    demand and surge GBT settings (default 60, 5)
                      --lake PATH             scratch lake root, emptied first (default target/bench-ml-lake)
                      --master URL            Spark master (default local[*])
                      --shuffle-partitions N  (default 8)""");
            return;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.contains("--lake")) {
            rest.addAll(List.of("--lake", "target/bench-ml-lake"));
        }
        BatchOptions options = BatchOptions.parse(rest);
        int zones = (int) options.longOption("zones", 30);
        int weeks = (int) options.longOption("weeks", 8);
        double requests = Double.parseDouble(options.option("requests").orElse("12"));
        int horizon = (int) options.longOption("horizon", ScoreJob.DEFAULT_HORIZON);
        int drivers = (int) options.longOption("drivers", Math.round(zones * requests * 2));
        if (weeks < 5) {
            throw new IllegalArgumentException("--weeks must be at least 5 (warm-up, training and two holdout weeks)");
        }
        Path root = Path.of(options.lake()).toAbsolutePath();
        deleteRecursively(root);
        Lake lake = Lake.at(root.toString());
        JobProgress progress = JobProgress.stdout("bench ml");

        progress.stage(String.format("simulating %d zones over %d weeks", zones, weeks));
        SimulatedCity city =
                SimulatedCity.simulate(SimulatedCity.config(zones, weeks, requests, 42L, drivers), System.out);
        progress.stage(String.format("simulated %,d rides", city.rides()));
        SparkSession spark = BatchSession.create(options);
        try {
            city.writeGold(spark, lake);
            progress.stage("gold fixture written to " + root);
            long f0 = System.nanoTime();
            new FeaturesJob().run(spark, lake, options);
            double featureSeconds = (System.nanoTime() - f0) / 1e9;

            GbtSettings settings = GbtSettings.from(options);
            ModelRegistry registry = ModelRegistry.inLake(lake.root(), LakeFiles.of(spark));
            DemandTrainer.Result demand = new DemandTrainer(spark, settings, 2, progress).train(lake, registry);
            long s0 = System.nanoTime();
            SurgeTrainer.Result surge = new SurgeTrainer(spark, settings, 2, progress).train(lake, registry);
            double surgeSeconds = (System.nanoTime() - s0) / 1e9;

            long c0 = System.nanoTime();
            ScoreJob.Outcome scored = ScoreJob.score(spark, lake, horizon, progress);
            double scoreSeconds = (System.nanoTime() - c0) / 1e9;

            BenchmarkReport out = new BenchmarkReport("ml");
            out.put("zones", zones);
            out.put("weeks", weeks);
            out.put("drivers", drivers);
            out.put("rides", city.rides());
            out.put("features_seconds", BenchmarkReport.round(featureSeconds, 2));
            out.put("train_seconds", BenchmarkReport.round(demand.trainSeconds(), 2));
            out.put("surge_train_seconds", BenchmarkReport.round(surgeSeconds, 2));
            out.put("scoring_rows", scored.rowsScored());
            out.put("scoring_seconds", BenchmarkReport.round(scoreSeconds, 2));
            out.put("scoring_rows_per_s", BenchmarkReport.round(scored.rowsScored() / scoreSeconds, 2));
            metrics(out, "model", demand.model());
            metrics(out, "seasonal_naive", demand.seasonalNaive());
            metrics(out, "trailing_mean", demand.trailingMean());
            out.put("holdout_rows", demand.model().rows());
            out.put("surge_mae_model", BenchmarkReport.round(surge.model().mae(), 4));
            out.put("surge_mae_no_surge", BenchmarkReport.round(surge.noSurge().mae(), 4));
            out.put(
                    "ratio",
                    BenchmarkReport.round(
                            demand.model().wape() / demand.seasonalNaive().wape(), 4));
            out.print();
        } finally {
            spark.stop();
        }
    }

    private static void metrics(BenchmarkReport out, String name, ForecastMetrics m) {
        out.put("wape_" + name, BenchmarkReport.round(m.wape(), 4));
        out.put("mae_" + name, BenchmarkReport.round(m.mae(), 4));
        out.put("rmse_" + name, BenchmarkReport.round(m.rmse(), 4));
        out.put("mape_" + name, BenchmarkReport.round(m.mape(), 4));
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + root, e);
        }
    }
}
