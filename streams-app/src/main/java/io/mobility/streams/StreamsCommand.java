package io.mobility.streams;

import io.mobility.serde.AvroDecodeException;
import io.mobility.streams.health.HealthEndpoint;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mobility streams}: runs the app against any Kafka until SIGTERM or Ctrl-C. */
@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Cleans, deduplicates and conforms ride and driver events with Kafka Streams (exactly once):",
            "  ride/driver-events.raw -> ride/driver-events.clean, quarantine, rides, zone-state"
        },
        footer = {
            "",
            "Settings, later wins: defaults, --config FILE, environment MOBILITY_STREAMS_<KEY> (key upper case,",
            "dots as underscores, e.g. MOBILITY_STREAMS_BOOTSTRAP_SERVERS), then options.",
            "App keys: mobility.dedup.horizon.ms (86400000), mobility.validation.max.clock.skew.ms (300000),",
            "mobility.zone.windows.minutes (5,15), mobility.zone.emit.interval.ms (1000), mobility.http.host",
            "(127.0.0.1), mobility.http.port (8086).",
            "Kafka default changed for throughput: producer.batch.size 131072.",
            "HTTP: GET /health/live, /health/ready (200 only when RUNNING), /metrics (Prometheus text format)."
        })
public final class StreamsCommand implements Callable<Integer> {

    static {
        // Before the first logger exists, or log4j settles on its default (errors only).
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-streams-log4j2.xml");
        }
    }

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "properties file (Kafka Streams settings and mobility.* keys)")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers (default 127.0.0.1:9092)")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            description = "schema registry (default http://127.0.0.1:8081)")
    String schemaRegistryUrl;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            description = "Streams application.id (default mobility-streams)")
    String applicationId;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "where RocksDB stores live (default <tmp>/mobility-streams)")
    String stateDir;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "health and metrics port, 0 = any (default 8086, on 127.0.0.1)")
    String httpPort;

    private final Map<String, String> env;
    private final PrintStream err;

    StreamsCommand(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new CommandLine(new StreamsCommand(env, err))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() {
        StreamsSettings settings;
        try {
            settings = StreamsSettings.load(config, env, overrides());
            settings.zoneWindowsMinutes();
            settings.httpPort();
        } catch (RuntimeException e) {
            err.println("Bad configuration: " + e.getMessage());
            return 2;
        }
        return runUntilStopped(settings);
    }

    /** The options given, by the setting each one sets. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        put(overrides, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        put(overrides, StreamsSettings.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        put(overrides, StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        put(overrides, StreamsConfig.STATE_DIR_CONFIG, stateDir);
        put(overrides, StreamsSettings.HTTP_PORT, httpPort);
        return overrides;
    }

    private static void put(Map<String, String> overrides, String key, String value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }

    private static int runUntilStopped(StreamsSettings settings) {
        // Not a static field: logging starts (seconds) only once the options are read, so --help answers at once.
        Logger log = LoggerFactory.getLogger(StreamsCommand.class);
        KafkaStreams streams = new KafkaStreams(MobilityTopology.build(settings), settings.asProperties());
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(e -> {
            if (isRegistryOutage(e)) {
                log.warn("Schema registry unavailable; the task will retry from its last commit: {}", e.getMessage());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            log.error("Stream thread failed; shutting down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            log.info("Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        HealthEndpoint health = HealthEndpoint.start(streams, settings.httpHost(), settings.httpPort());
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(
                () -> log.info("{}", CounterSummary.line(streams.metrics())), 10, 10, TimeUnit.SECONDS);
        Thread hook = new Thread(
                () -> {
                    log.info("Stopping: closing Kafka Streams (commits the open transaction)");
                    boolean closed = streams.close(Duration.ofSeconds(30));
                    log.info(closed ? "Closed Kafka Streams cleanly" : "Kafka Streams did not close within 30 s");
                    stopped.countDown();
                },
                "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info(
                "Starting {} against {} (registry {}), health on http://{}:{}/health/ready",
                settings.get(StreamsConfig.APPLICATION_ID_CONFIG),
                settings.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                settings.get(StreamsSettings.SCHEMA_REGISTRY_URL),
                settings.httpHost(),
                health.port());
        streams.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.shutdownNow();
        health.close();
        boolean failed = streams.state() == KafkaStreams.State.ERROR;
        streams.close(Duration.ofSeconds(30));
        log.info("Stopped: {}", CounterSummary.line(streams.metrics()));
        return failed ? 1 : 0;
    }

    private static boolean isRegistryOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AvroDecodeException decode && !decode.reason().isDataProblem()) {
                return true;
            }
        }
        return false;
    }
}
