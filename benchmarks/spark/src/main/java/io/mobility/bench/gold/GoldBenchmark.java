package io.mobility.bench.gold;

import io.mobility.batch.BatchOptions;
import io.mobility.batch.BatchSession;
import io.mobility.batch.aggregate.AggregatesJob;
import io.mobility.batch.fixture.SilverGenerator;
import io.mobility.batch.gold.GoldJob;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.SilverSchema;
import io.mobility.bench.BenchmarkReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./mobility bench gold}: seconds for {@code batch gold} + {@code batch aggregates} (first, full run) on
 * generated silver tables of 1M and 5M ride events, against a bare Spark scan of the same silver tables in the same
 * run. Last stdout line: one JSON object.
 */
public final class GoldBenchmark {

    private static final List<String> SILVER = List.of(
            SilverSchema.RIDES,
            SilverSchema.DRIVER_EVENTS,
            SilverSchema.ZONES,
            SilverSchema.DRIVERS,
            SilverSchema.RIDERS);

    record Result(long rideEvents, double goldSeconds, double scanSeconds) {}

    private GoldBenchmark() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("""
                    usage: ./mobility bench gold [options]

                      Generates silver tables, then times gold + aggregates against a bare scan of the same tables.
                      --sizes N,M             ride events per silver size (default 1000000,5000000)
                      --lake PATH             scratch lake root, emptied first (default target/bench-gold-lake)
                      --master URL            Spark master (default local[*])
                      --shuffle-partitions N  (default 8)""");
            return;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.contains("--lake")) {
            rest.addAll(List.of("--lake", "target/bench-gold-lake"));
        }
        BatchOptions options = BatchOptions.parse(rest);
        List<Long> sizes = Arrays.stream(
                        options.option("sizes").orElse("1000000,5000000").split(","))
                .map(String::trim)
                .map(Long::parseLong)
                .toList();
        SparkSession spark = BatchSession.create(options);
        try {
            List<Result> results = new ArrayList<>();
            for (long size : sizes) {
                results.add(measure(
                        spark, Path.of(options.lake()).toAbsolutePath().resolve("events-" + size), size, options));
            }
            report(results).print();
        } finally {
            spark.stop();
        }
    }

    private static Result measure(SparkSession spark, Path root, long size, BatchOptions options) {
        deleteRecursively(root);
        Lake lake = Lake.at(root.toString());
        progress("generating silver tables with %,d ride events in %s", size, root);
        long t0 = System.nanoTime();
        new SilverGenerator(spark).write(lake, size);
        progress("generated in %.1f s", seconds(t0));

        long t1 = System.nanoTime();
        for (String table : SILVER) {
            spark.read()
                    .format("delta")
                    .load(lake.silver(table))
                    .write()
                    .format("noop")
                    .mode("overwrite")
                    .save();
        }
        double scan = seconds(t1);
        progress("bare scan of the silver tables: %.1f s", scan);

        long t2 = System.nanoTime();
        new GoldJob().run(spark, lake, options);
        new AggregatesJob().run(spark, lake, options);
        double gold = seconds(t2);
        progress("gold + aggregates: %.1f s (%.1f x the scan)", gold, gold / scan);
        return new Result(size, gold, scan);
    }

    static BenchmarkReport report(List<Result> results) {
        Result small = results.get(0);
        Result large = results.get(results.size() - 1);
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("ride_events", r.rideEvents());
            size.put("seconds", BenchmarkReport.round(r.goldSeconds(), 2));
            size.put("baseline_scan_seconds", BenchmarkReport.round(r.scanSeconds(), 2));
            sizes.add(size);
        }
        return new BenchmarkReport("gold")
                .put("ride_events", large.rideEvents())
                .put("seconds", BenchmarkReport.round(large.goldSeconds(), 2))
                .put("baseline_scan_seconds", BenchmarkReport.round(large.scanSeconds(), 2))
                .put("events_per_second", Math.round(large.rideEvents() / large.goldSeconds()))
                .put("baseline_events_per_second", Math.round(large.rideEvents() / large.scanSeconds()))
                .put("ratio", BenchmarkReport.round(large.goldSeconds() / large.scanSeconds(), 2))
                .put("growth", BenchmarkReport.round(large.goldSeconds() / small.goldSeconds(), 2))
                .put("sizes", sizes);
    }

    private static void progress(String format, Object... args) {
        System.out.printf("[bench gold] " + format + "%n", args);
        System.out.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + path, e);
        }
    }
}
