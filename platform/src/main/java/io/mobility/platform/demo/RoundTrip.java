package io.mobility.platform.demo;

import io.mobility.events.Topic;
import io.mobility.events.Topics;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.zone.ZoneState;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records to their contract topics in one transaction, then reads each back from the exact offset it was
 * written to, with {@code read_committed}, and compares.
 */
final class RoundTrip {

    /** What happened to one record. */
    record Result(String topic, String type, String key, int partition, long offset, int bytes, boolean intact) {
        @Override
        public String toString() {
            return String.format("%-28s %-17s key %-9s -> partition %d offset %-5d %4d bytes  %s", topic, type, key,
                    partition, offset, bytes, intact ? "intact" : "DIFFERENT");
        }
    }

    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;

    RoundTrip(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    }

    List<Result> run(List<SpecificRecord> records) {
        List<RecordMetadata> written = send(records);
        List<Result> results = new ArrayList<>();
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(serdeConfig, false);
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer)) {
            for (int i = 0; i < records.size(); i++) {
                RecordMetadata metadata = written.get(i);
                ConsumerRecord<String, SpecificRecord> read = readAt(consumer,
                        new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset());
                SpecificRecord sent = records.get(i);
                results.add(new Result(metadata.topic(), sent.getSchema().getName(), read.key(), metadata.partition(),
                        metadata.offset(), metadata.serializedValueSize(), sent.equals(read.value())));
            }
        }
        return results;
    }

    private List<RecordMetadata> send(List<SpecificRecord> records) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig, false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mobility-demo-round-trip"), new StringSerializer(), serializer)) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (SpecificRecord record : records) {
                futures.add(producer.send(new ProducerRecord<>(topicOf(record).name(), keyOf(record), record)));
            }
            producer.commitTransaction();
            List<RecordMetadata> written = new ArrayList<>();
            for (Future<RecordMetadata> future : futures) {
                written.add(future.get());
            }
            return written;
        } catch (ExecutionException e) {
            throw new IllegalStateException("A record was not written: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending", e);
        }
    }

    private static ConsumerRecord<String, SpecificRecord> readAt(KafkaConsumer<String, SpecificRecord> consumer,
                                                                 TopicPartition partition, long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == offset) {
                    return record;
                }
            }
        }
        throw new IllegalStateException("Record " + partition + "@" + offset + " was not readable within 30 s");
    }

    /** The first contract topic carrying this record type: raw and reference topics come before derived ones. */
    static Topic topicOf(SpecificRecord record) {
        return Topics.ALL.stream().filter(t -> t.valueType() == record.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic carries " + record.getClass()));
    }

    /** The record's key under the contract: the id its topic is keyed by. */
    static String keyOf(SpecificRecord record) {
        if (record instanceof ZoneState state) {
            return state.getZoneId() + "/" + state.getWindowMinutes();
        }
        if (record instanceof QuarantineRecord quarantined) {
            return quarantined.getSourceTopic() + "/" + quarantined.getSourcePartition() + "/"
                    + quarantined.getSourceOffset();
        }
        Schema.Field idField = record.getSchema().getField(topicOf(record).key());
        return String.valueOf(record.get(idField.pos()));
    }
}
