package io.mobility.streams;

import io.mobility.serde.SpecificAvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A reference topic read from its start up to its current end, asked when a global table does not know a key. Kafka
 * Streams applies a global table on its own thread and never holds stream threads back for it, so an event produced
 * right after the zone it names (a city's first events, a new zone) can reach a stream thread before the zone reaches
 * the table: a good event quarantined as UNKNOWN_ZONE (ZonePublishedJustBeforeIT saw 5 in 40 without this). Read
 * to the end offsets taken at the miss, the topic holds every record produced before the event was processed, so
 * "unknown" means "not in the topic": the same answer on any machine, however far the global thread is behind.
 *
 * <p>A consumer of its own rather than the global store's offsets: a consumer's position passes transaction markers
 * and compacted gaps, which the offsets of the records a store applied never reach. Made on the first miss; misses
 * are rare, because unknown keys are bad data. For one stream thread, like the processor that owns it.
 */
public final class ReferenceTopicCatchUp<V> implements AutoCloseable {

    /** How long a read to the topic's end may take in the app: well under exactly-once's 10 s transactions. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final UnaryOperator<String> canonicalKey;
    private final Deserializer<V> values;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Duration timeout;
    private final Map<String, byte[]> latest = new HashMap<>();
    private Consumer<byte[], byte[]> consumer;

    /**
     * @param canonicalKey the key as the global table stores it (the table's loader applies the same)
     * @param consumers makes the consumer on the first miss; read_committed when the app is exactly-once
     * @param timeout how long a catch-up may take before the task fails (rather than call a zone unknown unchecked);
     *                well under the exactly-once transaction timeout
     */
    public ReferenceTopicCatchUp(
            String topic,
            UnaryOperator<String> canonicalKey,
            Deserializer<V> values,
            Supplier<Consumer<byte[], byte[]>> consumers,
            Duration timeout) {
        this.topic = topic;
        this.canonicalKey = canonicalKey;
        this.values = values;
        this.consumers = consumers;
        this.timeout = timeout;
    }

    /**
     * The catch-up a processor of the app {@code context} belongs to uses for {@code topic}: its consumer is made
     * with the app's global consumer settings (read_committed when the app is exactly-once) on the first miss, and a
     * read may take {@link #TIMEOUT}.
     */
    public static <V extends SpecificRecord> ReferenceTopicCatchUp<V> of(
            ProcessorContext<?, ?> context, String topic, UnaryOperator<String> canonicalKey, Class<V> type) {
        Map<String, Object> config = context.appConfigs();
        SpecificAvroSerde<V> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        String clientId = context.applicationId() + "-" + context.taskId() + "-" + topic + "-recheck";
        Map<String, Object> consumerConfig = new StreamsConfig(config).getGlobalConsumerConfigs(clientId);
        return new ReferenceTopicCatchUp<>(
                topic,
                canonicalKey,
                serde.deserializer(),
                () -> new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                TIMEOUT);
    }

    /** The latest value of {@code key} (canonical) in the topic as it is now; empty when absent or deleted. */
    public Optional<V> find(String key) {
        catchUp();
        byte[] value = latest.get(key);
        return value == null ? Optional.empty() : Optional.of(values.deserialize(topic, value));
    }

    private void catchUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (consumer == null) {
            consumer = consumers.get();
            assignEveryPartition();
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Reading reference topic " + topic + " to its end offsets " + ends
                        + " took more than " + timeout + " (positions " + positions() + ")");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                apply(record);
            }
        }
    }

    /**
     * The topic's partitions when first asked, read from their start; like Kafka Streams' global thread, which
     * reads the partitions a global topic had when the app started.
     */
    private void assignEveryPartition() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Reference topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        consumer.assignment().forEach(p -> positions.put(p, consumer.position(p, timeout)));
        return positions;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String key = canonicalKey.apply(new String(record.key(), StandardCharsets.UTF_8));
        if (key == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(key);
        } else {
            latest.put(key, record.value());
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }
}
