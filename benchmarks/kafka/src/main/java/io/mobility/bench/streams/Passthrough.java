package io.mobility.bench.streams;

import io.mobility.events.Topics;
import io.mobility.platform.LocalPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies every raw record unchanged to another topic: the floor any streams app pays for reading and writing the
 * events. Plain: a consumer and a producer. Exactly once: the same copy in transactions that also commit the
 * consumed offsets, every {@code commitIntervalMs}, read_committed, as Kafka Streams' exactly_once_v2 does, so the
 * two baselines separate the cost of exactly-once from the cost of the topology. With more than one thread, as many
 * consumer-producer pairs, each copying its share of the partitions.
 */
final class Passthrough {

    private static final String GROUP = "bench-passthrough";

    private final LocalPlatform platform;
    private final String target;

    Passthrough(LocalPlatform platform, String target) {
        this.platform = platform;
        this.target = target;
    }

    /** Records per second copied, plain or (commitIntervalMs > 0) exactly once. */
    double run(long records, int threads, long commitIntervalMs) throws Exception {
        List<TopicPartition> partitions;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(false)) {
            partitions = List.of(Topics.RIDE_EVENTS_RAW.name(), Topics.DRIVER_EVENTS_RAW.name()).stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> copies = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                List<TopicPartition> share = new ArrayList<>();
                for (int i = t; i < partitions.size(); i += threads) {
                    share.add(partitions.get(i));
                }
                String transactionalId = commitIntervalMs > 0 ? GROUP + "-" + System.nanoTime() + "-" + t : null;
                copies.add(pool.submit(() -> copy(share, transactionalId, commitIntervalMs)));
            }
            long copied = 0;
            for (Future<Long> copy : copies) {
                copied += copy.get();
            }
            if (copied != records) {
                throw new IllegalStateException("the passthrough copied " + copied + " records of " + records);
            }
            return copied / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Copies {@code partitions} from the beginning to their end offsets as they are now. */
    private long copy(List<TopicPartition> partitions, String transactionalId, long commitIntervalMs) {
        boolean exactlyOnce = transactionalId != null;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(exactlyOnce);
                KafkaProducer<byte[], byte[]> producer = producer(transactionalId)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (exactlyOnce) {
                producer.initTransactions();
            }
            long copied = 0;
            boolean open = false;
            long lastCommit = System.nanoTime();
            while (copied < records) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (exactlyOnce && !open) {
                        producer.beginTransaction();
                        open = true;
                    }
                    producer.send(new ProducerRecord<>(target, r.key(), r.value()));
                    copied++;
                }
                boolean last = copied >= records;
                if (open && (last || System.nanoTime() - lastCommit >= commitIntervalMs * 1_000_000)) {
                    producer.sendOffsetsToTransaction(
                            positions(consumer, partitions), new ConsumerGroupMetadata(GROUP));
                    producer.commitTransaction();
                    open = false;
                    lastCommit = System.nanoTime();
                }
            }
            producer.flush();
            return copied;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> positions(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        return positions;
    }

    private KafkaConsumer<byte[], byte[]> consumer(boolean readCommitted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        if (readCommitted) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
