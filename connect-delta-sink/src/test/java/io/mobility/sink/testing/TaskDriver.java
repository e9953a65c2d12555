package io.mobility.sink.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Plays the worker's part for one sink task over in-memory partitions, the way WorkerSinkTask does: open, apply the
 * seeks the task asks for, deliver batches from each partition's position, close on stop. Integration tests run
 * the real worker; this drives the task's exactly-once logic step by step, faults included.
 */
public final class TaskDriver {

    private final SinkTask task;
    private final TaskContext context;
    private final Map<TopicPartition, List<SinkRecord>> partitions;
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    public TaskDriver(
            SinkTask task,
            Map<String, String> props,
            Map<TopicPartition, List<SinkRecord>> partitions,
            boolean withReporter) {
        this.task = task;
        this.partitions = partitions;
        this.context = new TaskContext(props, withReporter);
        task.initialize(context);
        task.start(props);
        context.assign(partitions.keySet());
        task.open(partitions.keySet());
        partitions.keySet().forEach(tp -> positions.put(tp, 0L));
        applySeeks();
    }

    public TaskContext context() {
        return context;
    }

    public long position(TopicPartition tp) {
        return positions.get(tp);
    }

    /** Delivers up to {@code batches} batches of up to {@code batchSize} records per partition. */
    public void deliver(int batchSize, int batches) {
        for (int i = 0; i < batches; i++) {
            List<SinkRecord> batch = new ArrayList<>();
            for (Map.Entry<TopicPartition, List<SinkRecord>> entry : partitions.entrySet()) {
                List<SinkRecord> records = entry.getValue();
                int from = (int) (long) positions.get(entry.getKey());
                int to = Math.min(records.size(), from + batchSize);
                batch.addAll(records.subList(from, to));
                positions.put(entry.getKey(), (long) to);
            }
            task.put(batch);
            applySeeks();
        }
    }

    /** Delivers every record left, then an empty poll, as an idle worker keeps calling put. */
    public void deliverAll(int batchSize) {
        while (positions.entrySet().stream()
                .anyMatch(e -> e.getValue() < partitions.get(e.getKey()).size())) {
            deliver(batchSize, 1);
        }
    }

    public Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commitOffsets() {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> current = new HashMap<>();
        positions.forEach((tp, p) -> current.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(p)));
        return task.preCommit(current);
    }

    /** A graceful stop: partitions closed (the task commits what it wrote), then the task stopped. */
    public void stop() {
        task.close(Set.copyOf(partitions.keySet()));
        task.stop();
    }

    private void applySeeks() {
        context.takeSeeks().forEach(positions::put);
    }
}
