package io.mobility.bench.streams;

import io.mobility.bench.BenchmarkReport;
import io.mobility.bench.CpuMeter;
import io.mobility.events.Topics;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.AvroSerializer;
import io.mobility.streams.MobilityMetrics;
import io.mobility.streams.MobilityTopology;
import io.mobility.streams.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * {@code ./mobility bench streams}: events per second through the whole topology (validation, dedupe,
 * standardization, conformance, zone state) with exactly-once on the in-process broker, against a plain
 * consume-produce passthrough of the same records on the same broker in the same run, and against Kafka Streams'
 * own floors ({@link StreamsFloor}). Last stdout line: JSON.
 */
public final class StreamsBenchmark {

    static final String USAGE = """
            Usage: mobility bench streams [--events N] [--partitions P] [--threads T] [--help]

            Writes N events (default 2000000; rides and driver pings, a little dirt) to the in-process broker, then
            times (1) a plain consume-produce passthrough of them and (2) the streams app with exactly_once_v2 over
            them (after a warm-up of 20-60% of the events, until JIT compilation has settled), in this JVM, with a JFR
            CPU profile of (2). Also reports CPU time per event of the whole JVM for both, a figure machine load hardly
            changes, and the records the app sends per event (the passthrough sends one). Before (2), times Kafka
            Streams itself, with the same settings and timing, copying the records (copy floor) and doing only the
            writes the app requires (writes floor: a changelogged dedup store, a clean topic, a rides topic).
            --threads T: the app's stream threads, and as many consumer-producer pairs in the passthrough (default:
            one per core, as the app is deployed; the app's own default is Kafka's single thread).
            --partitions P: partitions of every topic (default: T, so every thread has a task).
            The environment tunes the app as in production (MOBILITY_STREAMS_<KEY>, e.g.
            MOBILITY_STREAMS_COMMIT_INTERVAL_MS=1000). Progress on stderr; last stdout line: JSON.
            """;
    private static final String PASSTHROUGH_TOPIC = "bench.passthrough";
    private static final String FLOOR_COPY_TOPIC = "bench.floor-copy";
    private static final String FLOOR_CLEAN_TOPIC = "bench.floor-clean";
    private static final String FLOOR_RIDES_TOPIC = "bench.floor-rides";
    // Warm-up: at least MIN_WARM_UP_SHARE of the events, then until the JIT compilers used under MAX_JIT_SHARE of the
    // JVM's CPU over a JIT_WINDOW_NS window, at most MAX_WARM_UP_SHARE of the events.
    private static final double MIN_WARM_UP_SHARE = 0.2;
    private static final double MAX_WARM_UP_SHARE = 0.6;
    private static final double MAX_JIT_SHARE = 0.15;
    private static final long JIT_WINDOW_NS = 2_000_000_000L;
    // Reading the app's metrics costs the driver thread CPU that the app could use on a small machine.
    private static final long POLL_MS = 100;

    private StreamsBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-streams-log4j2.xml");
        }
        int events = 2_000_000;
        Integer partitions = null;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--events" -> events = positive(args, ++i);
                case "--partitions" -> partitions = positive(args, ++i);
                case "--threads" -> threads = positive(args, ++i);
                default -> {
                    System.err.println("Unknown option '" + args[i] + "'.\n\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        System.out.println(run(events, partitions == null ? threads : partitions, threads));
        System.exit(0);
    }

    static String run(int events, int partitions, int threads) throws Exception {
        try (LocalPlatform platform = LocalPlatform.builder()
                .partitions(partitions)
                .progress(StreamsBenchmark::progress)
                .start()) {
            platform.kafka().createTopic(PASSTHROUGH_TOPIC, partitions, Map.of());
            for (String floorTopic : List.of(FLOOR_COPY_TOPIC, FLOOR_CLEAN_TOPIC, FLOOR_RIDES_TOPIC)) {
                platform.kafka().createTopic(floorTopic, partitions, Map.of());
            }
            long written = writeInput(platform, events);
            progress("wrote " + written + " records to the raw topics");
            Path work = Files.createTempDirectory("bench-streams");
            StreamsSettings settings = settings(platform, work.resolve("state"), threads);

            Passthrough copy = new Passthrough(platform, PASSTHROUGH_TOPIC);
            CpuMeter passthroughCpu = CpuMeter.start();
            double passthrough = copy.run(written, threads, 0);
            CpuUse passthroughUse = CpuUse.of(passthroughCpu);
            progress(String.format(Locale.ROOT, "passthrough: %.0f records/s", passthrough));
            long commitIntervalMs =
                    new StreamsConfig(settings.asProperties()).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
            double exactlyOncePassthrough = copy.run(written, threads, commitIntervalMs);
            progress(String.format(
                    Locale.ROOT,
                    "exactly-once passthrough (transactions every %d ms): %.0f records/s",
                    commitIntervalMs,
                    exactlyOncePassthrough));

            StreamsResult copyFloor = streams(
                    StreamsFloor.copy(FLOOR_COPY_TOPIC),
                    settings(platform, work.resolve("copy-floor"), threads),
                    written,
                    StreamsBenchmark::recordsProcessed);
            progress(
                    String.format(Locale.ROOT, "streams floor, copy (exactly_once_v2): %.0f events/s", copyFloor.rate));
            StreamsResult writesFloor = streams(
                    StreamsFloor.requiredWrites(FLOOR_CLEAN_TOPIC, FLOOR_RIDES_TOPIC),
                    settings(platform, work.resolve("writes-floor"), threads),
                    written,
                    StreamsBenchmark::recordsProcessed);
            progress(String.format(
                    Locale.ROOT, "streams floor, required writes (exactly_once_v2): %.0f events/s", writesFloor.rate));

            StreamsResult streams;
            Map<String, Object> profile;
            try (Profile recording = new Profile().start()) {
                streams = streams(MobilityTopology.build(settings), settings, written, StreamsBenchmark::processed);
                profile = recording.stop(work.resolve("streams.jfr"));
            }
            progress(String.format(Locale.ROOT, "streams (exactly_once_v2): %.0f events/s", streams.rate));
            progress("profile: " + profile);

            BenchmarkReport result = new BenchmarkReport("streams");
            result.put("events", written);
            result.put("partitions", partitions);
            result.put("processing_guarantee", streams.guarantee);
            result.put("commit_interval_ms", streams.commitIntervalMs);
            result.put("stream_threads", streams.streamThreads);
            result.put("events_per_s", Math.round(streams.rate));
            result.put("timed_events", streams.timedEvents);
            result.put("warm_up_events", written - streams.timedEvents);
            result.put("startup_s", round(streams.startupSeconds));
            result.put("baseline", "plain consume-produce passthrough, same records, same broker");
            result.put("baseline_events_per_s", Math.round(passthrough));
            result.put("ratio", round(streams.rate / passthrough));
            // Not the goal's baseline: the same copy with exactly-once, to tell the cost of transactions from the
            // cost of the topology.
            result.put("eos_baseline", "the same passthrough in transactions committing offsets every commit interval");
            result.put("eos_baseline_events_per_s", Math.round(exactlyOncePassthrough));
            result.put("eos_ratio", round(streams.rate / exactlyOncePassthrough));
            // Nor these: Kafka Streams itself with the app's settings, timed as the app is (StreamsFloor).
            result.put("copy_floor", "Kafka Streams copying the raw records to one topic");
            floor(result, "copy_floor", copyFloor, passthrough);
            result.put(
                    "writes_floor",
                    "Kafka Streams writing each record's id to a changelogged store, each record "
                            + "to a clean topic and each ride record to a rides topic, decoding nothing");
            floor(result, "writes_floor", writesFloor, passthrough);
            result.put("ratio_to_writes_floor", round(streams.rate / writesFloor.rate));
            // CPU per record of the whole JVM (broker, clients, app): a cost that machine load changes far less than
            // the rates above, which on a shared machine depend on how much CPU the JVM gets.
            double streamsCpu = streams.cpu.processMicrosPer(streams.timedEvents);
            double passthroughCpuPerRecord = passthroughUse.processMicrosPer(written);
            result.put("records_sent_per_event", round(streams.recordsSentPerEvent));
            result.put("cpu_us_per_event", streamsCpu);
            result.put("baseline_cpu_us_per_event", passthroughCpuPerRecord);
            result.put("cpu_ratio", round(passthroughCpuPerRecord / streamsCpu));
            result.put("stream_threads_cpu_us_per_event", streams.cpu.streamThreadsMicrosPer(streams.timedEvents));
            result.put("stream_threads_cpu_pct_of_wall", streams.cpu.streamThreadsPct());
            result.put("process_cpu_pct_of_wall", streams.cpu.processPct());
            result.put("baseline_process_cpu_pct_of_wall", passthroughUse.processPct());
            result.put("cpu_us_per_event_by_thread", streams.cpu.groupMicrosPer(streams.timedEvents));
            result.put("load_average", round(streams.cpu.loadAverage()));
            result.put("profile", profile);
            return result.toJson();
        }
    }

    private static void floor(BenchmarkReport result, String name, StreamsResult floor, double passthrough) {
        result.put(name + "_events_per_s", Math.round(floor.rate));
        result.put(name + "_ratio", round(floor.rate / passthrough));
        result.put(name + "_records_sent_per_event", round(floor.recordsSentPerEvent));
        result.put(name + "_cpu_us_per_event", floor.cpu.processMicrosPer(floor.timedEvents));
    }

    private static long writeInput(LocalPlatform platform, int events) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        long[] count = {0};
        try (KafkaProducer<byte[], byte[]> producer = producer(platform)) {
            for (var zone : BenchInput.zones()) {
                producer.send(new ProducerRecord<>(
                        Topics.ZONES.name(), utf8(zone.getZoneId()), serializer.serialize(Topics.ZONES.name(), zone)));
            }
            for (var driver : BenchInput.drivers()) {
                producer.send(new ProducerRecord<>(
                        Topics.DRIVERS.name(),
                        utf8(driver.getDriverId()),
                        serializer.serialize(Topics.DRIVERS.name(), driver)));
            }
            BenchInput.generate(events, Instant.now().minus(Duration.ofHours(6)), new BenchInput.Sink() {
                @Override
                public void ride(String key, io.mobility.events.ride.RideEvent event) {
                    send(Topics.RIDE_EVENTS_RAW.name(), key, event);
                }

                @Override
                public void driver(String key, io.mobility.events.driver.DriverEvent event) {
                    send(Topics.DRIVER_EVENTS_RAW.name(), key, event);
                }

                private void send(String topic, String key, SpecificRecord value) {
                    producer.send(new ProducerRecord<>(topic, utf8(key), serializer.serialize(topic, value)));
                    if (++count[0] % 100_000 == 0) {
                        progress("  written " + count[0]);
                    }
                }
            });
            producer.flush();
        }
        return count[0];
    }

    private record StreamsResult(
            double rate,
            double startupSeconds,
            long timedEvents,
            String commitIntervalMs,
            String guarantee,
            int streamThreads,
            CpuUse cpu,
            double recordsSentPerEvent) {}

    /** The app's settings as in production: defaults, then the environment (MOBILITY_STREAMS_*), then the bench's. */
    private static StreamsSettings settings(LocalPlatform platform, Path stateDir, int threads) {
        return StreamsSettings.load(
                null,
                System.getenv(),
                Map.of(
                        StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams-" + System.nanoTime(),
                        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                        StreamsSettings.SCHEMA_REGISTRY_URL, platform.registryUrl(),
                        StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                        StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads)));
    }

    private static StreamsResult streams(
            Topology topology, StreamsSettings settings, long records, ToLongFunction<KafkaStreams> processed)
            throws Exception {
        long created = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, settings.asProperties())) {
            CountDownLatch running = new CountDownLatch(1);
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Streams did not reach RUNNING in 120 s: " + streams.state());
            }
            // Steady state only: the first events pay for JIT compilation of the broker's, the clients' and the
            // topology's code (as much CPU as the stream thread itself early on), which a long-running app pays once.
            long minWarmUp = Math.round(records * MIN_WARM_UP_SHARE);
            long maxWarmUp = Math.round(records * MAX_WARM_UP_SHARE);
            long ready = System.nanoTime();
            long lastReport = ready;
            long done;
            CpuMeter cpu = null;
            JitWindow jit = new JitWindow();
            long start = 0;
            long doneAtStart = 0;
            while ((done = processed.applyAsLong(streams)) < records) {
                if (cpu == null && done >= minWarmUp) {
                    double jitShare = jit.share();
                    if (jitShare < MAX_JIT_SHARE || done >= maxWarmUp) {
                        cpu = CpuMeter.start();
                        start = System.nanoTime();
                        doneAtStart = done;
                        progress(String.format(
                                Locale.ROOT,
                                "  warmed up after %d events (JIT compilers at %.0f%% of "
                                        + "the JVM's CPU); timing the rest",
                                done,
                                100 * jitShare));
                    }
                }
                if (streams.state() != KafkaStreams.State.RUNNING
                        && streams.state() != KafkaStreams.State.REBALANCING) {
                    throw new IllegalStateException("Streams stopped: " + streams.state());
                }
                Thread.sleep(POLL_MS);
                if (System.nanoTime() - lastReport > 5e9) {
                    lastReport = System.nanoTime();
                    progress("  streams processed " + done + " of " + records);
                }
            }
            if (cpu == null) {
                throw new IllegalStateException("all events were processed between two polls: use more --events");
            }
            long timed = done - doneAtStart;
            double seconds = (System.nanoTime() - start) / 1e9;
            StreamsConfig effective = new StreamsConfig(settings.asProperties());
            return new StreamsResult(
                    timed / seconds,
                    (ready - created) / 1e9,
                    timed,
                    String.valueOf(effective.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)),
                    settings.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                    effective.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG),
                    CpuUse.of(cpu),
                    (double) recordsSent(streams) / done);
        }
    }

    /** Records the app's producers sent (outputs, changelogs, repartitions), against one per event for the baseline. */
    private static long recordsSent(KafkaStreams streams) {
        return total(streams, "producer-metrics", "record-send-total");
    }

    /** Records the stream threads have processed (Kafka's per-thread {@code process-total}): the floors' progress. */
    private static long recordsProcessed(KafkaStreams streams) {
        return total(streams, "stream-thread-metrics", "process-total");
    }

    /** A Kafka metric summed over the clients or threads that report it. */
    private static long total(KafkaStreams streams, String group, String name) {
        return streams.metrics().entrySet().stream()
                .filter(e ->
                        e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue())
                .sum();
    }

    /** The JIT compilers' share of the JVM's CPU over the last complete window (1 until one has passed). */
    private static final class JitWindow {
        private CpuMeter window = CpuMeter.start();
        private double lastShare = 1;

        double share() {
            if (window.wallNanos() >= JIT_WINDOW_NS) {
                long process = window.processNanos();
                lastShare = process == 0
                        ? 1
                        : (double) window.nanosByGroup(thread -> "java").get(CpuMeter.JIT) / process;
                window = CpuMeter.start();
            }
            return lastShare;
        }
    }

    /** Raw records the app has finished with: clean, quarantined or dropped as duplicates. */
    private static long processed(KafkaStreams streams) {
        var metrics = streams.metrics();
        long quarantined = metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals(MobilityMetrics.GROUP)
                        && e.getKey().name().startsWith("quarantined-")
                        && e.getKey().name().endsWith("-total"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue())
                .sum();
        return quarantined
                + List.of("ride-events", "driver-events").stream()
                        .mapToLong(entity -> MobilityMetrics.total(metrics, entity, "clean")
                                + MobilityMetrics.total(metrics, entity, "duplicate-dropped"))
                        .sum();
    }

    private static KafkaProducer<byte[], byte[]> producer(LocalPlatform platform) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static double round(double value) {
        return BenchmarkReport.round(value, 3);
    }

    private static int positive(String[] args, int i) {
        try {
            int value = Integer.parseInt(args[i]);
            if (value > 0) {
                return value;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        System.err.println(args[i - 1] + " needs a positive whole number\n\n" + USAGE);
        System.exit(2);
        return 0;
    }

    private static void progress(String message) {
        System.err.println(message);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
