package io.mobility.platform;

import io.mobility.events.Topic;
import io.mobility.events.Topics;
import io.mobility.platform.connect.ConnectWorker;
import io.mobility.platform.kafka.EmbeddedKafka;
import io.mobility.platform.registry.RegistryHttpSettings;
import io.mobility.platform.registry.SchemaRegistryServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The platform on one machine, in this JVM: a Kafka broker with every topic of {@link Topics#ALL}, a schema registry
 * and, if asked, a Kafka Connect worker. Started in that order, stopped in the reverse one.
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.start()) {
 *     producerProps.put("bootstrap.servers", platform.bootstrapServers());
 *     producerProps.put("schema.registry.url", platform.registryUrl());
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final SchemaRegistryServer registry;
    private final ConnectWorker connect;

    private LocalPlatform(EmbeddedKafka kafka, SchemaRegistryServer registry, ConnectWorker connect) {
        this.kafka = kafka;
        this.registry = registry;
        this.connect = connect;
    }

    /** Broker and registry on free ports with a temporary data directory; no Connect. */
    public static LocalPlatform start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The Connect worker's REST URL; fails if the platform was started without Connect. */
    public String connectRestUrl() {
        return connectWorker()
                .orElseThrow(() -> new IllegalStateException("This platform was started without Kafka Connect"))
                .restUrl();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public SchemaRegistryServer registry() {
        return registry;
    }

    public Optional<ConnectWorker> connectWorker() {
        return Optional.ofNullable(connect);
    }

    /** Stops Connect, the registry, then Kafka; each is stopped even if an earlier one fails to. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        closeQuietly(connect, failures);
        closeQuietly(registry, failures);
        closeQuietly(kafka, failures);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void closeQuietly(AutoCloseable service, List<RuntimeException> failures) {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (Exception e) {
            failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
    }

    public static final class Builder {
        private int kafkaPort;
        private int registryPort;
        private RegistryHttpSettings registrySettings = RegistryHttpSettings.defaults();
        private Path dataDir;
        private int partitions = 3;
        private List<Topic> topics = Topics.ALL;
        private boolean withConnect;
        private int connectPort;
        private List<Path> pluginPath = List.of();
        private Map<String, String> connectProperties = Map.of();
        private Consumer<String> progress = message -> {};

        private Builder() {}

        /** 0 (the default) picks a free port. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder registryPort(int port) {
            this.registryPort = port;
            return this;
        }

        /** The registry's request body limit and optional basic auth (default: 1 MiB, open). */
        public Builder registrySettings(RegistryHttpSettings settings) {
            this.registrySettings = settings;
            return this;
        }

        /** Kept and reused across runs: topics, records and registered schemas survive. Default: a temp dir. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Partitions of each platform topic (default 3). */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** The topics to create (default {@link Topics#ALL}). */
        public Builder topics(List<Topic> topics) {
            this.topics = List.copyOf(topics);
            return this;
        }

        /** Also start a Kafka Connect worker (default: no). */
        public Builder withConnect(boolean withConnect) {
            this.withConnect = withConnect;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder connectPort(int port) {
            this.connectPort = port;
            return this;
        }

        public Builder pluginPath(List<Path> pluginPath) {
            this.pluginPath = List.copyOf(pluginPath);
            return this;
        }

        /** Connect worker settings overriding {@link ConnectWorker}'s defaults, e.g. {@code plugin.discovery}. */
        public Builder connectWorkerProperties(Map<String, String> properties) {
            this.connectProperties = Map.copyOf(properties);
            return this;
        }

        /** Receives one line per start-up step, for commands that show progress. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** Starts everything; on failure, stops what had started and rethrows. */
        public LocalPlatform start() {
            EmbeddedKafka kafka = null;
            SchemaRegistryServer registry = null;
            ConnectWorker connect = null;
            // All ports first: a taken one should fail at once, not after Kafka has started.
            Ports.requireFree("Kafka broker", kafkaPort);
            Ports.requireFree("Schema registry", registryPort);
            if (withConnect) {
                Ports.requireFree("Kafka Connect REST", connectPort);
            }
            try {
                progress.accept("starting Kafka (KRaft) ...");
                EmbeddedKafka.Builder kafkaBuilder = EmbeddedKafka.builder().port(kafkaPort);
                if (dataDir != null) {
                    kafkaBuilder.dataDir(dataDir.resolve("kafka"));
                }
                kafka = kafkaBuilder.build();
                kafka.start();
                progress.accept("creating " + topics.size() + " topics ...");
                kafka.createTopics(topics, partitions);
                progress.accept("starting the schema registry ...");
                registry = new SchemaRegistryServer(
                                kafka.bootstrapServers(),
                                registryPort,
                                SchemaRegistryServer.DEFAULT_TOPIC,
                                InetAddress.getLoopbackAddress(),
                                registrySettings)
                        .start();
                if (withConnect) {
                    progress.accept("starting Kafka Connect (scanning plugins takes a while) ...");
                    connect = ConnectWorker.builder(kafka.bootstrapServers())
                            .port(connectPort)
                            .pluginPath(pluginPath)
                            .workerProperties(connectProperties)
                            .start();
                }
                return new LocalPlatform(kafka, registry, connect);
            } catch (RuntimeException e) {
                new LocalPlatform(kafka, registry, connect).closeAfterFailedStart(e);
                throw e;
            }
        }
    }

    private void closeAfterFailedStart(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
