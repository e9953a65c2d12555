package io.mobility.demo.summary;

import io.mobility.events.Topics;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The quarantine topic, counted by reason code: committed records only, from the beginning to the end now. */
public final class QuarantineCounts {

    private QuarantineCounts() {}

    public static Map<String, Long> byReason(String bootstrapServers, String registryUrl) {
        AvroDeserializer<QuarantineRecord> values = new AvroDeserializer<>();
        values.configure(
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl, AvroSerdeConfig.SPECIFIC_AVRO_READER, true),
                false);
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<String, QuarantineRecord> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.QUARANTINE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the quarantine topic to its end within 60 s");
                }
                for (ConsumerRecord<String, QuarantineRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(r.value().getReasonCode().toString(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}
