package io.mobility.simulator.kafka;

import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends to Kafka with one byte-array producer: Avro values go through the project's {@link AvroSerializer}
 * (Confluent wire format, schemas registered under the topic's value subject), raw values go as they are, so that
 * clean and faulty records keep their relative order. Keys are UTF-8 strings, as Kafka's StringSerializer writes
 * them. A failed send fails the next call to send or flush.
 */
public final class KafkaEventSink implements SerializingSink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerializer<IndexedRecord> values = new AvroSerializer<>();
    private final StringSerializer keys = new StringSerializer();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Callback callback = (metadata, exception) -> {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        } else {
            acknowledged.incrementAndGet();
        }
    };

    /**
     * @param extraProducerConfig any Kafka producer setting, applied over this sink's defaults
     */
    public KafkaEventSink(String bootstrapServers, String schemaRegistryUrl, Map<String, Object> extraProducerConfig) {
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), false);
        producer = new KafkaProducer<>(
                producerConfig(bootstrapServers, extraProducerConfig),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Throughput-minded defaults: larger batches and a short linger; idempotence stays on (Kafka's default). */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "mobility-simulator");
        config.putAll(extra);
        return config;
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        sendBytes(topic, key, serialize(topic, value));
    }

    /** The wire-format bytes of {@code value}; thread-safe, as the serde is. */
    @Override
    public byte[] serialize(String topic, SpecificRecord value) {
        return values.serialize(topic, (IndexedRecord) value);
    }

    @Override
    public void sendRaw(String topic, String key, byte[] value) {
        sendBytes(topic, key, value);
    }

    private void sendBytes(String topic, String key, byte[] value) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, keys.serialize(topic, key), value), callback);
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** Records the broker has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("a send to Kafka failed, stopping: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
        values.close();
    }
}
