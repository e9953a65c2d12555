package io.mobility.streams;

import io.mobility.serde.AvroDecodeException;
import io.mobility.streams.health.HealthEndpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./mobility streams}: runs the app against any Kafka until SIGTERM or Ctrl-C. */
public final class StreamsCommand {

    static final String USAGE = """
            Usage: mobility streams [options]

            Cleans, deduplicates and conforms ride and driver events with Kafka Streams (exactly once):
              ride/driver-events.raw -> ride/driver-events.clean, quarantine, rides, zone-state

            Options:
              --config FILE               properties file (Kafka Streams settings and mobility.* keys)
              --bootstrap-servers HOSTS   Kafka brokers                    (default 127.0.0.1:9092)
              --schema-registry-url URL   schema registry                  (default http://127.0.0.1:8081)
              --application-id ID         Streams application.id           (default mobility-streams)
              --state-dir DIR             where RocksDB stores live        (default <tmp>/mobility-streams)
              --http-port PORT            health and metrics port, 0 = any (default 8086, on 127.0.0.1)
              --help                      this text

            Settings, later wins: defaults, --config FILE, environment MOBILITY_STREAMS_<KEY> (key upper case,
            dots as underscores, e.g. MOBILITY_STREAMS_BOOTSTRAP_SERVERS), then options.
            App keys: mobility.dedup.horizon.ms (86400000), mobility.validation.max.clock.skew.ms (300000),
            mobility.zone.windows.minutes (5,15), mobility.zone.emit.interval.ms (1000), mobility.http.host
            (127.0.0.1), mobility.http.port (8086).
            Kafka default changed for throughput: producer.batch.size 131072.
            HTTP: GET /health/live, /health/ready (200 only when RUNNING), /metrics (JSON).
            """;

    static {
        // Before the first logger exists, or log4j settles on its default (errors only).
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-streams-log4j2.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StreamsCommand.class);
    private static final Map<String, String> OPTIONS = Map.of(
            "--bootstrap-servers", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            "--schema-registry-url", StreamsSettings.SCHEMA_REGISTRY_URL,
            "--application-id", StreamsConfig.APPLICATION_ID_CONFIG,
            "--state-dir", StreamsConfig.STATE_DIR_CONFIG,
            "--http-port", StreamsSettings.HTTP_PORT);

    private StreamsCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path config = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (!arg.equals("--config") && !OPTIONS.containsKey(arg)) {
                err.println("Unknown option '" + arg + "'.\n\n" + USAGE);
                return 2;
            }
            if (i + 1 >= args.length) {
                err.println("Option " + arg + " needs a value.\n\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            if (arg.equals("--config")) {
                config = Path.of(value);
            } else {
                overrides.put(OPTIONS.get(arg), value);
            }
        }
        StreamsSettings settings;
        try {
            settings = StreamsSettings.load(config, env, overrides);
            settings.zoneWindowsMinutes();
            settings.httpPort();
        } catch (RuntimeException e) {
            err.println("Bad configuration: " + e.getMessage());
            return 2;
        }
        return runUntilStopped(settings);
    }

    private static int runUntilStopped(StreamsSettings settings) {
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
        progress.scheduleAtFixedRate(() -> log.info("{}", Progress.line(streams.metrics())), 10, 10,
                TimeUnit.SECONDS);
        Thread hook = new Thread(() -> {
            log.info("Stopping: closing Kafka Streams (commits the open transaction)");
            boolean closed = streams.close(Duration.ofSeconds(30));
            log.info(closed ? "Closed Kafka Streams cleanly" : "Kafka Streams did not close within 30 s");
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("Starting {} against {} (registry {}), health on http://{}:{}/health/ready",
                settings.get(StreamsConfig.APPLICATION_ID_CONFIG), settings.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                settings.get(StreamsSettings.SCHEMA_REGISTRY_URL), settings.httpHost(), health.port());
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
        log.info("Stopped: {}", Progress.line(streams.metrics()));
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
