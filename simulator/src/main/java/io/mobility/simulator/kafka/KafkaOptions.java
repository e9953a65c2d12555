package io.mobility.simulator.kafka;

import io.mobility.events.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where and how the producing commands write: the Kafka and registry options they share (a picocli mixin). */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "localhost:9092",
            description = "Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            defaultValue = "http://localhost:8081",
            description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE})")
    String schemaRegistryUrl;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "partitions of event topics this command creates (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            description = "replication of topics this command creates (default: ${DEFAULT-VALUE})")
    short replication;

    @Option(names = "--producer-config", description = "extra Kafka producer setting KEY=VALUE, repeatable")
    Map<String, String> producerConfig = new HashMap<>();

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** Creates whichever of {@code topics} are missing. */
    public void ensureTopics(List<Topic> topics) {
        TopicSetup.ensure(bootstrapServers, topics, partitions, replication);
    }

    public KafkaEventSink openSink() {
        return new KafkaEventSink(bootstrapServers, schemaRegistryUrl, Map.copyOf(producerConfig));
    }
}
