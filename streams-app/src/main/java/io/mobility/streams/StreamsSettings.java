package io.mobility.streams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The app's configuration: Kafka Streams settings plus its own {@code mobility.*} keys. Layers, later wins: built-in
 * defaults, a properties file, environment variables {@code MOBILITY_STREAMS_<KEY>} (upper case, dots as
 * underscores, e.g. {@code MOBILITY_STREAMS_BOOTSTRAP_SERVERS}), then command-line options.
 */
public final class StreamsSettings {

    public static final String ENV_PREFIX = "MOBILITY_STREAMS_";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String DEDUP_HORIZON_MS = "mobility.dedup.horizon.ms";
    public static final String MAX_CLOCK_SKEW_MS = "mobility.validation.max.clock.skew.ms";
    public static final String ZONE_WINDOWS_MINUTES = "mobility.zone.windows.minutes";
    public static final String ZONE_EMIT_INTERVAL_MS = "mobility.zone.emit.interval.ms";
    /** On a zone id the global table does not know, read the zones topic to its end before calling it unknown. */
    public static final String ZONE_RECHECK_TOPIC = "mobility.zone.recheck.topic";
    /** On a driver id the global table does not know, read the drivers topic to its end before enriching without. */
    public static final String DRIVER_RECHECK_TOPIC = "mobility.driver.recheck.topic";

    public static final String HTTP_HOST = "mobility.http.host";
    public static final String HTTP_PORT = "mobility.http.port";

    private final Properties properties;

    private StreamsSettings(Properties properties) {
        this.properties = properties;
    }

    public static Properties defaults() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "mobility-streams");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // commit.interval.ms stays at the exactly-once default (100 ms): 1000 ms measured slower here, about 40%
        // more stream-thread CPU per event (docs/benchmarks.md, streams).
        // Kafka's default (0) makes a task wait for data from every input partition before processing, to interleave
        // them by timestamp; deciding that costs a set and a map of partitions for every record (about 5% of the
        // stream thread, docs/benchmarks.md, streams). Nothing here needs ride and driver events interleaved by time:
        // the two are cleaned apart, and zone state sums its signals by event-time minute whatever their order.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        // Fewer, larger produce requests for the clean topics and the changelogs.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(128 * 1024));
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Path.of(System.getProperty("java.io.tmpdir"), "mobility-streams")
                        .toString());
        // Raw topics are read as bytes and decoded in the topology; this covers the reference tables.
        p.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        p.put(
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
                org.apache.kafka.common.serialization.Serdes.StringSerde.class.getName());
        p.put(DEDUP_HORIZON_MS, String.valueOf(Duration.ofHours(24).toMillis()));
        p.put(MAX_CLOCK_SKEW_MS, String.valueOf(Duration.ofMinutes(5).toMillis()));
        p.put(ZONE_WINDOWS_MINUTES, "5,15");
        p.put(ZONE_EMIT_INTERVAL_MS, "1000");
        p.put(ZONE_RECHECK_TOPIC, "true");
        p.put(DRIVER_RECHECK_TOPIC, "true");
        p.put(HTTP_HOST, "127.0.0.1");
        p.put(HTTP_PORT, "8086");
        return p;
    }

    /** Defaults, then {@code file} (may be null), then the environment, then {@code overrides}. */
    public static StreamsSettings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Properties p = defaults();
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        fromEnvironment(environment).forEach(p::put);
        overrides.forEach(p::put);
        return new StreamsSettings(p);
    }

    /** {@code MOBILITY_STREAMS_BOOTSTRAP_SERVERS=x} becomes {@code bootstrap.servers=x}. */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> found = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                found.put(
                        name.substring(ENV_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        return found;
    }

    /** Everything, as given to KafkaStreams (the serdes read schema.registry.url from the same map). */
    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    public String get(String key) {
        return properties.getProperty(key);
    }

    public Duration dedupHorizon() {
        return Duration.ofMillis(positiveLong(DEDUP_HORIZON_MS));
    }

    public long maxClockSkewMs() {
        return positiveLong(MAX_CLOCK_SKEW_MS);
    }

    public Duration zoneEmitInterval() {
        return Duration.ofMillis(positiveLong(ZONE_EMIT_INTERVAL_MS));
    }

    public List<Integer> zoneWindowsMinutes() {
        String raw = get(ZONE_WINDOWS_MINUTES);
        try {
            List<Integer> windows = Arrays.stream(raw.split(","))
                    .map(String::strip)
                    .map(Integer::parseInt)
                    .toList();
            if (windows.isEmpty() || windows.stream().anyMatch(w -> w <= 0)) {
                throw new NumberFormatException("windows must be positive");
            }
            return windows;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ZONE_WINDOWS_MINUTES + " = '" + raw
                    + "' is not a comma-separated list of positive minutes, e.g. 5,15");
        }
    }

    /**
     * A true/false setting from the configuration a processor sees ({@code ProcessorContext.appConfigs()}); absent
     * means true.
     */
    public static boolean flag(Map<String, Object> config, String key) {
        String raw = String.valueOf(config.getOrDefault(key, "true")).strip();
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new IllegalArgumentException(key + " = '" + raw + "' is neither true nor false");
    }

    public String httpHost() {
        return get(HTTP_HOST);
    }

    public int httpPort() {
        long port = positiveOrZeroLong(HTTP_PORT);
        if (port > 65535) {
            throw new IllegalArgumentException(HTTP_PORT + " = " + port + " is not a TCP port (0..65535)");
        }
        return (int) port;
    }

    private long positiveLong(String key) {
        long value = positiveOrZeroLong(key);
        if (value == 0) {
            throw new IllegalArgumentException(key + " must be greater than 0");
        }
        return value;
    }

    private long positiveOrZeroLong(String key) {
        String raw = get(key);
        try {
            long value = Long.parseLong(raw.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " = '" + raw + "' is not a non-negative whole number");
        }
    }
}
