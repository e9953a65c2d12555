package io.mobility.platform.kafka;

import io.mobility.events.Topic;
import io.mobility.platform.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (one KRaft process acting as broker and controller) inside this JVM.
 *
 * <p>The storage is formatted on first use, like {@code kafka-storage.sh format}; a data directory that is already
 * formatted is reused as it is, so topics and records survive a restart. Without a data directory, a temporary one is
 * used and deleted on {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final boolean temporary;
    private final int requestedPort;
    private final Map<String, String> extraProperties;

    private KafkaRaftServer server;
    private DataDirLock dataDirLock;
    private Admin admin;
    private int port;

    private EmbeddedKafka(Builder builder) {
        this.temporary = builder.dataDir == null;
        this.dataDir = temporary ? createTempDir() : builder.dataDir.toAbsolutePath();
        this.requestedPort = builder.port;
        this.extraProperties = Map.copyOf(builder.extraProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the storage if needed and starts the node; returns when the broker accepts requests. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("Kafka is already running at " + bootstrapServers());
        }
        Ports.requireFree("Kafka broker", requestedPort);
        dataDirLock = DataDirLock.acquire(dataDir);
        port = requestedPort == 0 ? Ports.free() : requestedPort;
        int controllerPort = Ports.free();
        long started = System.nanoTime();
        try {
            KafkaConfig config = new KafkaConfig(brokerProperties(controllerPort), false);
            formatIfNeeded();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            stopServer();
            releaseDataDir();
            throw new IllegalStateException(
                    "Kafka failed to start on 127.0.0.1:" + port + " with data in " + dataDir + ": " + e.getMessage(),
                    e);
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        log.info(
                "Kafka started at {} in {} ms (data: {})",
                bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                dataDir);
        return this;
    }

    public String bootstrapServers() {
        requireRunning();
        return "127.0.0.1:" + port;
    }

    public int port() {
        requireRunning();
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** An admin client on this broker, owned by it: do not close it. */
    public Admin admin() {
        requireRunning();
        return admin;
    }

    /** Creates a topic with replication factor 1; an existing topic of that name is left as it is. */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        createAll(List.of(new NewTopic(name, partitions, (short) 1).configs(config)));
    }

    /** Creates the platform's topics, each with {@code partitions} partitions; compacted ones get compaction. */
    public void createTopics(Collection<Topic> topics, int partitions) {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic topic : topics) {
            Map<String, String> config = topic.compacted()
                    ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                    : Map.of();
            wanted.add(new NewTopic(topic.name(), partitions, (short) 1).configs(config));
        }
        createAll(wanted);
    }

    /** {@link #createTopics(Collection, int)} with 3 partitions per topic. */
    public void createTopics(Collection<Topic> topics) {
        createTopics(topics, 3);
    }

    private void createAll(List<NewTopic> topics) {
        requireRunning();
        var results = admin.createTopics(topics).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Cannot create topic " + entry.getKey() + ": "
                                    + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + entry.getKey(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + entry.getKey(), e);
            }
        }
        awaitServed(results.keySet());
    }

    /**
     * Waits until the broker serves the topics: the controller acknowledges a creation before the broker's metadata
     * has it, and a client that comes at once would be told the topic does not exist.
     */
    private void awaitServed(Set<String> names) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        try {
            while (!admin.listTopics()
                    .names()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .containsAll(names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topics " + names + " were created but the broker does not serve"
                            + " them after " + ADMIN_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for topics " + names, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the topics of the broker at " + bootstrapServers(), e);
        }
    }

    /** Shuts the node down cleanly and waits for it; deletes the data only if it was a temporary directory. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        stopServer();
        releaseDataDir();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private void releaseDataDir() {
        if (dataDirLock != null) {
            dataDirLock.close();
            dataDirLock = null;
        }
    }

    private void stopServer() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Kafka at 127.0.0.1:{} stopped", port);
        }
    }

    private Map<String, Object> brokerProperties(int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir().toString());
        // One node: every internal topic has one replica, and a few partitions keep start-up fast.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Nobody else will join: rebalance at once.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.streams.initial.rebalance.delay.ms", "0");
        // The platform declares its topics (Topics.ALL); a typo must fail, not create a stray topic.
        props.put("auto.create.topics.enable", "false");
        props.putAll(extraProperties);
        return props;
    }

    private Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    private void formatIfNeeded() {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir());
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir().toString()))
                    .setMetadataLogDirectory(logDir().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDir() + ": " + e.getMessage(), e);
        }
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("Kafka is not running: call start() first");
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> extraProperties = new HashMap<>();

        private Builder() {}

        /** Where the broker keeps its data; kept on close and reused on the next start. Default: a temp dir. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Kafka port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** A broker setting that overrides the defaults, e.g. {@code log.retention.ms}. */
        public Builder brokerProperty(String name, String value) {
            extraProperties.put(name, value);
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            extraProperties.putAll(properties);
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }

        /** Builds and starts. */
        public EmbeddedKafka start() {
            return build().start();
        }
    }
}
