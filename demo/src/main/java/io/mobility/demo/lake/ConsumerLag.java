package io.mobility.demo.lake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far a consumer group is behind a fixed set of end offsets, in records. Transactional topics (everything the
 * exactly-once streams app writes) end with a commit marker that no consumer ever commits past, so a gap between the
 * group's offset and the end counts only the committed records in it, read with {@code read_committed}.
 */
public final class ConsumerLag implements AutoCloseable {

    /** Beyond this gap the records are not read one by one: the gap is the estimate. */
    private static final long EXACT_BELOW = 2_000;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;

    public ConsumerLag(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.reader = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        500),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The end offsets of every partition of {@code topics} now: the mark a group must reach. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described
                    .values()
                    .forEach(d -> d.partitions()
                            .forEach(p ->
                                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(request).all().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            ends.forEach((tp, info) -> result.put(tp, info.offset()));
            return result;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topics + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Records of {@code marks} that {@code group} has not committed yet (0 when it has caught up). */
    public long behind(String group, Map<TopicPartition, Long> marks) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of group " + group + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> mark : marks.entrySet()) {
            OffsetAndMetadata offset = committed.get(mark.getKey());
            long from = offset == null ? beginning(mark.getKey()) : offset.offset();
            long gap = mark.getValue() - from;
            if (gap <= 0) {
                continue;
            }
            behind += gap > EXACT_BELOW ? gap : recordsBetween(mark.getKey(), from, mark.getValue());
        }
        return behind;
    }

    private long beginning(TopicPartition tp) {
        return reader.beginningOffsets(List.of(tp)).get(tp);
    }

    /** Committed records in [from, to): markers and aborted records are skipped by read_committed. */
    private long recordsBetween(TopicPartition tp, long from, long to) {
        reader.assign(List.of(tp));
        reader.seek(tp, from);
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reader.position(tp) < to && System.nanoTime() < deadline) {
            List<Long> offsets = new ArrayList<>();
            reader.poll(Duration.ofMillis(200)).records(tp).forEach(r -> offsets.add(r.offset()));
            count += offsets.stream().filter(o -> o < to).count();
        }
        return reader.position(tp) < to ? Math.max(count, 1) : count;
    }

    @Override
    public void close() {
        reader.close();
        admin.close();
    }
}
