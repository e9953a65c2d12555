package io.mobility.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads topics back in a test: every partition from its beginning, without a consumer group (assigned, so reading
 * starts at once and leaves no offsets behind), committed records only unless told otherwise, until a condition on
 * what was read holds or a timeout passes (it returns what it read either way: the caller's assertion says what is
 * missing), or to the topics' end.
 */
public final class TopicReader<K, V> {

    private final String bootstrapServers;
    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private String isolation = "read_committed";
    private Duration grace = Duration.ZERO;

    private TopicReader(String bootstrapServers, Deserializer<K> keys, Deserializer<V> values) {
        this.bootstrapServers = bootstrapServers;
        this.keys = keys;
        this.values = values;
    }

    /** A reader of raw keys and values. */
    public static TopicReader<byte[], byte[]> bytes(String bootstrapServers) {
        return of(bootstrapServers, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static <K, V> TopicReader<K, V> of(String bootstrapServers, Deserializer<K> keys, Deserializer<V> values) {
        return new TopicReader<>(bootstrapServers, keys, values);
    }

    /** Also reads records of open and aborted transactions. */
    public TopicReader<K, V> uncommitted() {
        isolation = "read_uncommitted";
        return this;
    }

    /** Once the condition holds, polls for {@code grace} more, so that records beyond those expected show up too. */
    public TopicReader<K, V> thenWait(Duration grace) {
        this.grace = grace;
        return this;
    }

    /** Reads until {@code count} records have been read, or {@code timeout} has passed. */
    public List<ConsumerRecord<K, V>> read(Collection<String> topics, long count, Duration timeout) {
        return readUntil(topics, read -> read.size() >= count, timeout);
    }

    /** Reads until {@code done} holds for the records read so far, or {@code timeout} has passed. */
    public List<ConsumerRecord<K, V>> readUntil(
            Collection<String> topics, Predicate<? super List<ConsumerRecord<K, V>>> done, Duration timeout) {
        List<ConsumerRecord<K, V>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = fromTheBeginning(topics)) {
            while (!done.test(read) && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            if (!grace.isZero()) {
                consumer.poll(grace).forEach(read::add);
            }
        }
        return read;
    }

    /**
     * Reads every record the topics held when reading began (committed ones: up to the last stable offset).
     *
     * @throws AssertionError when {@code timeout} passes first, naming the partitions not read to their end
     */
    public List<ConsumerRecord<K, V>> readToEnd(Collection<String> topics, Duration timeout) {
        List<ConsumerRecord<K, V>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = fromTheBeginning(topics)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (true) {
                Map<TopicPartition, String> behind = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
                ends.forEach((tp, end) -> {
                    long position = consumer.position(tp);
                    if (position < end) {
                        behind.put(tp, position + " of " + end);
                    }
                });
                if (behind.isEmpty()) {
                    return read;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("reading " + topics + " to its end: not done after " + timeout.toMillis()
                            + " ms; at " + behind);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
    }

    /** A consumer assigned every partition of {@code topics}, each at its beginning. */
    private KafkaConsumer<K, V> fromTheBeginning(Collection<String> topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }
}
