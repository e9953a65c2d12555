package io.mobility.sink.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What a worker gives a sink task, for driving a task without a worker: it records the seeks the task asks for and
 * keeps reported bad records, as the worker's dead-letter queue would. Integration tests use a real worker.
 */
public final class TaskContext implements SinkTaskContext {

    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment = new HashSet<>();
    private final Map<TopicPartition, Long> seeks = new HashMap<>();
    private final List<SinkRecord> deadLetters = new ArrayList<>();
    private final List<Throwable> deadLetterErrors = new ArrayList<>();
    private final boolean withReporter;

    private long requestedTimeoutMs = -1;

    public TaskContext(Map<String, String> configs, boolean withReporter) {
        this.configs = configs;
        this.withReporter = withReporter;
    }

    public void assign(Set<TopicPartition> partitions) {
        assignment.addAll(partitions);
    }

    /** The offsets the task asked to resume from, cleared as the worker would apply them. */
    public synchronized Map<TopicPartition, Long> takeSeeks() {
        Map<TopicPartition, Long> taken = new HashMap<>(seeks);
        seeks.clear();
        return taken;
    }

    public List<SinkRecord> deadLetters() {
        return deadLetters;
    }

    public List<Throwable> deadLetterErrors() {
        return deadLetterErrors;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public synchronized void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public synchronized void offset(TopicPartition tp, long offset) {
        seeks.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        requestedTimeoutMs = timeoutMs;
    }

    /** The poll timeout the task last asked for (as the worker's context keeps it), -1 if none. */
    public long requestedTimeoutMs() {
        return requestedTimeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return null; // the sink registers no metrics
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!withReporter) {
            return null;
        }
        return (record, error) -> {
            deadLetters.add(record);
            deadLetterErrors.add(error);
            return CompletableFuture.completedFuture(null);
        };
    }
}
