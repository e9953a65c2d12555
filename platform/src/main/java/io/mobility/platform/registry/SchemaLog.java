package io.mobility.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.platform.registry.RegistryChange.LevelChanged;
import io.mobility.platform.registry.RegistryChange.SchemaRegistered;
import io.mobility.registry.CompatibilityLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable store: a compacted, single-partition Kafka topic holding every registration and every
 * compatibility change, keyed like Confluent's {@code _schemas} (one key per subject version, one per config), so
 * that compaction keeps exactly what a replay needs.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final String bootstrapServers;
    private final String topic;
    private final KafkaProducer<String, String> producer;
    /** Runs before each write; tests hold it to play a Kafka that is slow to take the write. */
    private volatile Runnable beforeAppend = () -> {};

    SchemaLog(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.LINGER_MS_CONFIG, 0,
                        // A registration waits for its write: fail the request within seconds rather than hang.
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000),
                new StringSerializer(),
                new StringSerializer());
    }

    String topic() {
        return topic;
    }

    /** Creates the topic (compacted, one partition, one replica) unless it exists; refuses one with more partitions. */
    void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                NewTopic compacted = new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                admin.createTopics(List.of(compacted)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created schema store topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Cannot create the schema store topic " + topic + " on " + bootstrapServers + ": "
                                    + e.getCause().getMessage(),
                            e.getCause());
                }
            }
            int partitions = partitionCount(admin);
            if (partitions != 1) {
                // Registrations must replay in the order they were made: one partition is the only total order.
                throw new IllegalStateException(
                        "Schema store topic " + topic + " has " + partitions + " partitions; it must have exactly 1");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing schema store topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot reach Kafka at " + bootstrapServers + " to prepare the schema store topic " + topic + ": "
                            + e,
                    e);
        }
    }

    /** Partitions of the topic, once the broker serves it: a topic just created may not be known there yet. */
    private int partitionCount(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic)
                        .partitions()
                        .size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every change in the topic, oldest first, up to its end at the time of the call. */
    List<RegistryChange> replay() {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<RegistryChange> changes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out replaying schema store topic " + topic + " at offset "
                            + consumer.position(partition) + " of " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(changes::add);
                }
            }
        }
        return changes;
    }

    /** Writes a change and returns once Kafka has it on every in-sync replica. */
    void append(RegistryChange change) {
        beforeAppend.run();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key(change), value(change));
        try {
            producer.send(record).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("writing to " + topic, e);
        } catch (ExecutionException e) {
            throw RegistryException.storeError("writing to " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw RegistryException.storeError("writing to " + topic, e);
        }
    }

    void beforeAppend(Runnable hook) {
        this.beforeAppend = hook;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private String key(RegistryChange change) {
        ObjectNode key = json.createObjectNode();
        if (change instanceof SchemaRegistered registered) {
            key.put("keytype", "SCHEMA");
            key.put("subject", registered.schema().subject());
            key.put("version", registered.schema().version());
            key.put("magic", 1);
        } else if (change instanceof LevelChanged changed) {
            key.put("keytype", "CONFIG");
            key.put("subject", changed.subject().orElse(null));
            key.put("magic", 0);
        }
        return key.toString();
    }

    private String value(RegistryChange change) {
        ObjectNode value = json.createObjectNode();
        if (change instanceof SchemaRegistered registered) {
            SubjectVersion schema = registered.schema();
            value.put("subject", schema.subject());
            value.put("version", schema.version());
            value.put("id", schema.id());
            value.put("schemaType", "AVRO");
            value.put("schema", schema.schema());
            value.put("deleted", false);
        } else if (change instanceof LevelChanged changed) {
            value.put("compatibilityLevel", changed.level().name());
        }
        return value.toString();
    }

    private Optional<RegistryChange> decode(ConsumerRecord<String, String> record) {
        try {
            JsonNode key = json.readTree(record.key());
            String keyType = key.path("keytype").asText();
            if (record.value() == null) {
                return Optional.empty(); // tombstone: nothing this registry writes, nothing to restore
            }
            JsonNode value = json.readTree(record.value());
            switch (keyType) {
                case "SCHEMA":
                    return Optional.of(new SchemaRegistered(new SubjectVersion(
                            required(value, "subject").asText(),
                                    required(value, "version").asInt(),
                            required(value, "id").asInt(),
                                    required(value, "schema").asText())));
                case "CONFIG":
                    Optional<String> subject = key.path("subject").isTextual()
                            ? Optional.of(key.get("subject").asText())
                            : Optional.empty();
                    CompatibilityLevel level = CompatibilityLevel.parse(
                            required(value, "compatibilityLevel").asText());
                    return Optional.of(new LevelChanged(subject, level));
                default:
                    log.debug("Skipping {} record at offset {} of {}", keyType, record.offset(), topic);
                    return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Unreadable record at offset " + record.offset() + " of schema store topic " + topic + " (key "
                            + record.key() + "): " + e.getMessage(),
                    e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }
}
