package io.mobility.platform.connect;

import io.mobility.platform.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.storage.StringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect worker in distributed mode inside this JVM, started the way {@code connect-distributed.sh}
 * starts one, with the settings a one-broker cluster needs. Connectors are managed through its REST API.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectWorker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, String> workerProperties;
    private final int requestedPort;
    private Connect<DistributedHerder> connect;
    private String restUrl;

    private ConnectWorker(Builder builder) {
        this.requestedPort = builder.port;
        this.workerProperties = builder.properties();
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Starts the worker; returns once its REST API reports it healthy (joined its group, read its topics). */
    public synchronized ConnectWorker start() {
        if (connect != null) {
            throw new IllegalStateException("The Connect worker is already running at " + restUrl);
        }
        Ports.requireFree("Kafka Connect REST", requestedPort);
        long started = System.nanoTime();
        ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
        // startConnect calls Exit.exit(3) on a failed start, which would end the whole JVM (tests, the platform):
        // turn that into an exception for the duration of the start.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka Connect failed to start (exit status " + status + ")"
                    + (message == null ? "" : ": " + message));
        });
        try {
            connect = new ConnectDistributed().startConnect(workerProperties);
        } finally {
            Exit.resetExitProcedure();
            // Connect makes its plugin class loader the thread's context loader; give the caller its own back.
            Thread.currentThread().setContextClassLoader(callerLoader);
        }
        restUrl = stripSlash(connect.rest().advertisedUrl().toString());
        try {
            awaitHealthy();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info(
                "Kafka Connect worker at {} in {} ms",
                restUrl,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, the REST API of the worker. */
    public String restUrl() {
        if (connect == null) {
            throw new IllegalStateException("The Connect worker is not running: call start() first");
        }
        return restUrl;
    }

    /** The worker's settings as given to Connect, for inspection. */
    public Map<String, String> workerProperties() {
        return workerProperties;
    }

    @Override
    public synchronized void close() {
        if (connect != null) {
            connect.stop();
            connect.awaitStop();
            connect = null;
            log.info("Kafka Connect worker at {} stopped", restUrl);
        }
    }

    private void awaitHealthy() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(restUrl + "/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka Connect at " + restUrl, e);
            }
            sleep(200);
        }
        throw new IllegalStateException("Kafka Connect at " + restUrl + " was not healthy after "
                + START_TIMEOUT.toSeconds() + " s; last answer: " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka Connect", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static final class Builder {
        private final String bootstrapServers;
        private int port;
        private List<Path> pluginPath = List.of();
        private String pluginDiscovery = "hybrid_warn";
        private String groupId = "mobility-connect";
        private final Map<String, String> extra = new HashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /** REST port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Connect port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Directories (or jars) holding connector plugins; may be empty: the classpath is always scanned. */
        public Builder pluginPath(List<Path> pluginPath) {
            this.pluginPath = List.copyOf(pluginPath);
            return this;
        }

        /** {@code plugin.discovery}: hybrid_warn (default), hybrid_fail, service_load or only_scan. */
        public Builder pluginDiscovery(String mode) {
            this.pluginDiscovery = mode;
            return this;
        }

        /** The worker group; also names its config, offset and status topics ({@code <group>-configs}, ...). */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** Any other worker setting, overriding the defaults (e.g. {@code value.converter}). */
        public Builder workerProperty(String name, String value) {
            extra.put(name, value);
            return this;
        }

        public Builder workerProperties(Map<String, String> properties) {
            extra.putAll(properties);
            return this;
        }

        public ConnectWorker build() {
            return new ConnectWorker(this);
        }

        /** Builds and starts. */
        public ConnectWorker start() {
            return build().start();
        }

        private Map<String, String> properties() {
            Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("group.id", groupId);
            props.put("config.storage.topic", groupId + "-configs");
            props.put("offset.storage.topic", groupId + "-offsets");
            props.put("status.storage.topic", groupId + "-status");
            // One broker: one replica of each internal topic.
            props.put("config.storage.replication.factor", "1");
            props.put("offset.storage.replication.factor", "1");
            props.put("status.storage.replication.factor", "1");
            props.put("key.converter", StringConverter.class.getName());
            props.put("value.converter", StringConverter.class.getName());
            props.put("listeners", "http://127.0.0.1:" + port);
            props.put("rest.advertised.host.name", "127.0.0.1");
            props.put("plugin.discovery", pluginDiscovery);
            if (!pluginPath.isEmpty()) {
                props.put(
                        "plugin.path",
                        pluginPath.stream()
                                .map(p -> p.toAbsolutePath().toString())
                                .collect(Collectors.joining(",")));
            }
            // A lone worker: no one to wait for when it rejoins after a restart.
            props.put("scheduled.rebalance.max.delay.ms", "0");
            props.put("offset.flush.interval.ms", "5000");
            props.putAll(extra);
            return Map.copyOf(props);
        }
    }
}
