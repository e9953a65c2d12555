package io.mobility.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.bench.BenchmarkReport;
import io.mobility.bench.CpuMeter;
import io.mobility.bench.serde.RideEventSamples;
import io.mobility.events.ride.RideEvent;
import io.mobility.platform.kafka.EmbeddedKafka;
import io.mobility.platform.registry.SchemaRegistryServer;
import io.mobility.serde.AvroSerializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./mobility bench sink}: records per second landed in Delta by the Delta sink connector against Spark
 * Structured Streaming on the same topic, machine and run, with p50/p95 commit latency, and exactly-once checked by
 * delta-spark reading both tables back. See {@link SinkBenchOptions#USAGE} and docs/benchmarks.md.
 */
public final class SinkBenchmark {

    static final String TOPIC = "bench.ride-events";

    private SinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-platform-log4j2.xml");
        }
        SinkBenchOptions options;
        try {
            options = SinkBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(SinkBenchOptions.USAGE);
            return;
        }
        Path work = options.workDir() != null
                ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("bench-sink-");
        double loadBefore = loadAverage();
        progress(
                "work directory %s; load average %.2f on %d cores",
                work, loadBefore, Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafka kafka =
                        EmbeddedKafka.builder().dataDir(work.resolve("kafka")).start();
                SchemaRegistryServer registry = new SchemaRegistryServer(kafka.bootstrapServers()).start()) {
            kafka.createTopic(TOPIC, options.partitions(), Map.of());
            produce(kafka.bootstrapServers(), registry.url(), options);

            Landing sink = null;
            double loadSink = Double.NaN;
            double loadSpark = Double.NaN;
            if (options.runsSink()) {
                sink = new SinkSide(options, kafka, registry, work).run();
                loadSink = loadAverage();
                report(sink);
            }
            Landing spark = null;
            JsonNode sinkRows = null;
            JsonNode sparkRows = null;
            if (options.runsSpark()) {
                Path schema = Files.writeString(
                        work.resolve("ride-event.avsc"),
                        RideEvent.getClassSchema().toString());
                try (SparkBaselineProcess child = SparkBaselineProcess.start(
                        options,
                        kafka.bootstrapServers(),
                        TOPIC,
                        work.resolve("lake/spark"),
                        work.resolve("spark-checkpoint"),
                        schema,
                        work.resolve("spark-baseline.log"))) {
                    progress("Spark baseline: starting a local[2] session in its own JVM (not timed)");
                    long started = child.awaitStarted(300_000);
                    CpuMeter cpu = CpuMeter.start(child.processHandle());
                    progress(
                            "Spark baseline: query started (maxOffsetsPerTrigger %s, default trigger)",
                            options.maxOffsetsPerTrigger() > 0 ? options.maxOffsetsPerTrigger() : "unlimited");
                    spark = await(
                            "spark",
                            new DeltaLogWatcher(work.resolve("lake/spark")),
                            started,
                            options,
                            child::failure,
                            cpu);
                    loadSpark = loadAverage();
                    report(spark);
                    child.stopQuery(120_000);
                    // exactly once, as a reader sees it: delta-spark counts the rows and their distinct event ids
                    sparkRows = count(child, work.resolve("lake/spark"));
                    if (sink != null) {
                        sinkRows = count(child, work.resolve("lake/sink"));
                    }
                }
            }
            double loadAfter = loadAverage();
            BenchmarkReport json = new BenchmarkReport("sink")
                    .put("records", options.records())
                    .put("partitions", options.partitions());
            if (sink != null && spark != null) {
                json.rates(
                        "records_per_s", sink.recordsPerSecond(), "baseline_records_per_s", spark.recordsPerSecond());
                json.put("records_per_cpu_s", Math.round(sink.recordsPerCpuSecond()))
                        .put("baseline_records_per_cpu_s", Math.round(spark.recordsPerCpuSecond()))
                        .put(
                                "cpu_ratio",
                                Math.round(sink.recordsPerCpuSecond() / spark.recordsPerCpuSecond() * 1000) / 1000.0);
            } else {
                Landing only = sink != null ? sink : spark;
                json.put(
                        sink != null ? "records_per_s" : "baseline_records_per_s", Math.round(only.recordsPerSecond()));
            }
            if (sink != null) {
                figures(json, "", sink);
            }
            if (spark != null) {
                figures(json, "baseline_", spark);
            }
            json.put(
                            "flush_records",
                            options.flushRecords() == null
                                    ? "connector default"
                                    : options.flushRecords().toString())
                    .put(
                            "flush_interval_ms",
                            options.flushIntervalMs() == null
                                    ? "connector default"
                                    : options.flushIntervalMs().toString())
                    .put("max_offsets_per_trigger", options.maxOffsetsPerTrigger())
                    .put("trigger", "default (micro-batches back to back)")
                    .put("timed_from", "connector creation / query start, records pre-produced");
            if (sinkRows != null) {
                json.put("rows_sink", sinkRows.get("n").asLong());
            }
            if (sparkRows != null) {
                json.put("rows_spark", sparkRows.get("n").asLong());
            }
            // 1-minute load averages: at the start, as each side finished, at the end (a noisy machine shows here)
            json.put("load_average_start", round2(loadBefore));
            if (sink != null) {
                json.put("load_average_sink", round2(loadSink));
            }
            if (spark != null) {
                json.put("load_average_spark", round2(loadSpark));
            }
            json.put("load_average_end", round2(loadAfter));
            checkExactlyOnce("sink", sinkRows, options.records());
            checkExactlyOnce("spark", sparkRows, options.records());
            json.print();
        } finally {
            if (!options.keep()) {
                deleteRecursively(work);
            }
        }
    }

    /** Produces the records once, evenly over the partitions, in the Confluent wire format; not timed. */
    private static void produce(String bootstrap, String registryUrl, SinkBenchOptions options) {
        List<RideEvent> samples = RideEventSamples.rideEvents(10_000, 42);
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < options.records(); i++) {
                RideEvent event = samples.get(i % samples.size());
                event.setEventId("evt-" + i); // unique, so that a duplicate row shows as a repeated id
                producer.send(new ProducerRecord<>(
                        TOPIC,
                        i % options.partitions(),
                        event.getRideId().toString(),
                        serializer.serialize(TOPIC, event)));
                if ((i + 1) % 200_000 == 0) {
                    progress("produced %,d/%,d", i + 1, options.records());
                }
            }
            producer.flush();
        }
        progress(
                "produced %,d ride events to %s (%d partitions) in %.1f s",
                options.records(), TOPIC, options.partitions(), (System.nanoTime() - start) / 1e9);
    }

    /** Follows a table until it holds all the records; more than that is a duplicate, reported at once. */
    static Landing await(
            String writer,
            DeltaLogWatcher watcher,
            long startMs,
            SinkBenchOptions options,
            Supplier<String> failure,
            CpuMeter cpu)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + options.timeoutSeconds() * 1000L;
        long lastProgress = System.currentTimeMillis();
        while (watcher.poll() < options.records()) {
            String failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException(writer + " failed: " + failed);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(writer + " landed " + watcher.rows() + " of " + options.records()
                        + " rows in " + options.timeoutSeconds() + " s");
            }
            if (System.currentTimeMillis() - lastProgress >= 5_000) {
                lastProgress = System.currentTimeMillis();
                progress(
                        "%s: %,d/%,d rows in %d commits after %.1f s",
                        writer,
                        watcher.rows(),
                        options.records(),
                        watcher.commits().size(),
                        (lastProgress - startMs) / 1000.0);
            }
            Thread.sleep(20);
        }
        if (watcher.rows() != options.records()) {
            throw new IllegalStateException(writer + " landed " + watcher.rows() + " rows for " + options.records()
                    + " records: exactly-once is broken");
        }
        return new Landing(writer, startMs, watcher.commits(), options.records(), cpu.processNanos() / 1e9);
    }

    private static JsonNode count(SparkBaselineProcess spark, Path table) {
        return spark.query("SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM delta.`" + table + "`", 600_000)
                .get(0);
    }

    private static void checkExactlyOnce(String writer, JsonNode rows, long records) {
        if (rows != null
                && (rows.get("n").asLong() != records || rows.get("ids").asLong() != records)) {
            throw new IllegalStateException("Exactly-once broken: the " + writer + " table holds " + rows.get("n")
                    + " rows with " + rows.get("ids") + " distinct event ids for " + records + " records");
        }
    }

    private static void figures(BenchmarkReport json, String prefix, Landing landing) {
        json.put(prefix + "seconds", round2(landing.seconds()))
                .put(prefix + "cpu_s", round2(landing.cpuSeconds()))
                .put(prefix + "p50_commit_ms", landing.commitLatencyPercentileMs(50))
                .put(prefix + "p95_commit_ms", landing.commitLatencyPercentileMs(95))
                .put(prefix + "commits", landing.dataCommits())
                .put(prefix + "files", landing.files())
                .put(prefix + "table_mb", round2(landing.bytes() / 1e6));
    }

    private static void report(Landing landing) {
        progress(
                "%s: %,d rows in %.1f s = %,.0f records/s (%.1f CPU s); %d commits, p50 %d ms, p95 %d ms between"
                        + " commits",
                landing.writer(),
                landing.records(),
                landing.seconds(),
                landing.recordsPerSecond(),
                landing.cpuSeconds(),
                landing.dataCommits(),
                landing.commitLatencyPercentileMs(50),
                landing.commitLatencyPercentileMs(95));
    }

    static void progress(String format, Object... args) {
        System.out.println("[bench sink] " + String.format(Locale.ROOT, format, args));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
