package io.mobility.platform.registry;

import com.sun.net.httpserver.HttpServer;
import io.mobility.platform.PortInUseException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process schema registry speaking the Confluent Schema Registry REST API (Avro subset), so that Confluent's
 * serializers in any language, and this project's own serde, work against the local platform.
 *
 * <p>It runs on the JDK's HTTP server, so it adds no servlet container that could clash with Spark's or Dropwizard's.
 * Its state lives in a compacted Kafka topic (default {@value #DEFAULT_TOPIC}) and is replayed on start: ids, versions
 * and compatibility levels survive a restart. Request bodies are capped and basic auth is available
 * ({@link RegistryHttpSettings}); both answer with Confluent's error JSON.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final String bootstrapServers;
    private final int requestedPort;
    private final String topic;
    private final InetAddress bindAddress;
    private final RegistryHttpSettings httpSettings;

    private HttpServer http;
    private ExecutorService workers;
    private SchemaLog store;

    /** A registry on 127.0.0.1:{@code port} (0 = a free port) storing its state in {@code topic}. */
    public SchemaRegistryServer(String bootstrapServers, int port, String topic) {
        this(bootstrapServers, port, topic, InetAddress.getLoopbackAddress());
    }

    public SchemaRegistryServer(String bootstrapServers, int port, String topic, InetAddress bindAddress) {
        this(bootstrapServers, port, topic, bindAddress, RegistryHttpSettings.defaults());
    }

    public SchemaRegistryServer(
            String bootstrapServers,
            int port,
            String topic,
            InetAddress bindAddress,
            RegistryHttpSettings httpSettings) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Registry port must be between 0 and 65535, got " + port);
        }
        this.bootstrapServers = bootstrapServers;
        this.requestedPort = port;
        this.topic = topic;
        this.bindAddress = bindAddress;
        this.httpSettings = httpSettings;
    }

    /** A registry on a free loopback port storing its state in {@value #DEFAULT_TOPIC}. */
    public SchemaRegistryServer(String bootstrapServers) {
        this(bootstrapServers, 0, DEFAULT_TOPIC);
    }

    /** Replays the store topic (creating it if missing), then serves; returns once requests are accepted. */
    public synchronized SchemaRegistryServer start() {
        if (http != null) {
            throw new IllegalStateException("The schema registry is already running at " + url());
        }
        try {
            http = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 0);
        } catch (BindException e) {
            throw new PortInUseException("Schema registry", requestedPort, e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Schema registry cannot listen on " + bindAddress.getHostAddress() + ":" + requestedPort + ": "
                            + e.getMessage(),
                    e);
        }
        store = new SchemaLog(bootstrapServers, topic);
        SchemaRegistry registry = new SchemaRegistry(store);
        try {
            registry.load();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // Threads are made on demand; enough that registrations waiting on Kafka leave some to answer reads.
        workers = Executors.newFixedThreadPool(16, daemonThreads());
        http.setExecutor(workers);
        http.createContext("/", new RegistryHttpHandler(registry, httpSettings));
        http.start();
        log.info(
                "Schema registry at {} (store: topic {} on {}, {} subjects; {})",
                url(),
                topic,
                bootstrapServers,
                registry.subjects().size(),
                httpSettings);
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, what clients take as {@code schema.registry.url}. */
    public String url() {
        if (http == null) {
            throw new IllegalStateException("The schema registry is not running: call start() first");
        }
        return "http://" + bindAddress.getHostAddress() + ":"
                + http.getAddress().getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String topic() {
        return topic;
    }

    public RegistryHttpSettings httpSettings() {
        return httpSettings;
    }

    /** The running registry's store, for tests in this package. */
    SchemaLog store() {
        if (store == null) {
            throw new IllegalStateException("The schema registry is not running: call start() first");
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
