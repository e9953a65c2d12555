package io.mobility.sink;

import io.mobility.sink.delta.DeltaTable;
import io.mobility.sink.table.Partitioner;
import io.mobility.sink.table.TableRouter;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands records in Delta tables, exactly once. The Delta log, not Kafka, is the record of progress: every commit
 * carries the last offset of each topic-partition it holds ({@code SetTransaction}), {@link #open} seeks each
 * partition just past that offset, and a commit whose offsets some other writer already landed is discarded.
 */
public class DeltaSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaSinkTask.class);

    private final Function<DeltaSinkConfig, TableOpener> openers;
    private DeltaSinkConfig config;
    private TableRouter router;
    private TableOpener opener;
    private TransactionIds ids;
    private ErrantRecordReporter reporter;
    private final Map<String, TableWriter> writersByPath = new HashMap<>();
    private final Map<String, TableWriter> writersByTopic = new HashMap<>();
    /** Last offset each assigned partition has in Delta; -1 when none landed yet. */
    private final Map<TopicPartition, Long> landed = new HashMap<>();

    private final List<Future<Void>> reported = new java.util.ArrayList<>();
    private long lastRecordAtMs;

    public DeltaSinkTask() {
        this(TableOpener::standalone);
    }

    /** For tests that need to put a fault between the data files and the commit. */
    DeltaSinkTask(Function<DeltaSinkConfig, TableOpener> openers) {
        this.openers = openers;
    }

    @Override
    public String version() {
        return DeltaSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DeltaSinkConfig(props);
        router = config.router();
        opener = openers.apply(config);
        ids = new TransactionIds(config.appId());
        try {
            reporter = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            reporter = null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> seeks = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            long version = writer(tp.topic()).table().txnVersion(ids.of(tp));
            landed.put(tp, version);
            if (version >= 0) {
                seeks.put(tp, version + 1);
            }
        }
        if (!seeks.isEmpty()) {
            LOG.info("Resuming after the offsets the Delta tables hold: {}", seeks);
            context.offset(seeks);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = System.currentTimeMillis();
        if (records.isEmpty()) {
            // The worker polled and found nothing new. Once that has lasted flush.idle.ms the task has caught up:
            // what it holds is all there is, so a reader should not wait for the flush interval to see it.
            boolean idle = config.flushIdleMs() > 0 && now - lastRecordAtMs >= config.flushIdleMs();
            flushDue(idle);
            askForIdlePoll(now);
            return;
        }
        Instant ingestedAt = Instant.ofEpochMilli(now);
        Set<TopicPartition> rewound = new HashSet<>();
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            if (record.kafkaOffset() <= landed.getOrDefault(tp, -1L)) {
                continue; // already in the table: a redelivery before our seek took effect
            }
            if (rewound.contains(tp)) {
                continue; // another writer landed part of this partition: the seek redelivers the rest
            }
            TableWriter writer = writer(record.topic());
            if (record.value() == null) {
                writer.markHandled(record); // a tombstone has no row to land
                continue;
            }
            try {
                writer.write(record, ingestedAt);
            } catch (DataException e) {
                if (reporter == null) {
                    throw e;
                }
                LOG.warn("Sending a bad record to the dead-letter queue: {}", e.getMessage());
                reported.add(reporter.report(record, e));
                writer.markHandled(record);
            }
            // Commit the moment a batch is full, not after the rest of the poll: batches are exactly
            // flush.records, so a backlog that divides evenly leaves no partial batch waiting for the interval.
            if (writer.pendingRecords() >= config.flushRecords()) {
                rewound.addAll(flush(writer));
            }
        }
        flushDue(false);
        // idle time counts from when the task is ready for more, not from when a long put (commits) began
        lastRecordAtMs = System.currentTimeMillis();
        askForIdlePoll(lastRecordAtMs);
    }

    /**
     * While records wait uncommitted, asks the worker to poll again within flush.idle.ms: an empty poll then comes
     * back as an empty {@link #put}, which is how the task learns that it has caught up.
     */
    private void askForIdlePoll(long now) {
        if (config.flushIdleMs() > 0 && writersByPath.values().stream().anyMatch(TableWriter::hasPending)) {
            context.timeout(Math.max(1, config.flushIdleMs() - (now - lastRecordAtMs)));
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        flushDue(false);
        // Kafka's committed offsets follow the table, so consumer lag shows what is really landed.
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : currentOffsets.keySet()) {
            long version = landed.getOrDefault(tp, -1L);
            if (version >= 0) {
                offsets.put(tp, new OffsetAndMetadata(version + 1));
            }
        }
        return offsets;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // Commit what is written rather than throw it away; another owner's overlap is detected at commit.
        flushDue(true);
        partitions.forEach(landed::remove);
    }

    @Override
    public void stop() {
        for (TableWriter writer : writersByPath.values()) {
            if (writer.hasPending()) {
                writer.abort();
            }
        }
        writersByPath.clear();
        writersByTopic.clear();
    }

    private void flushDue(boolean all) {
        long now = System.currentTimeMillis();
        for (TableWriter writer : writersByPath.values()) {
            if (all
                    ? writer.hasPending()
                    : writer.due(config.flushRecords(), config.flushBytes(), config.flushIntervalMs(), now)) {
                flush(writer);
            }
        }
    }

    /** Commits the writer's batch; returns the partitions that must resume elsewhere (empty if it landed). */
    private Set<TopicPartition> flush(TableWriter writer) {
        awaitReported();
        try {
            landed.putAll(writer.flush());
            return Set.of();
        } catch (TableWriter.Rewind rewind) {
            Map<TopicPartition, Long> seeks = new LinkedHashMap<>();
            rewind.resumeAt().forEach((tp, offset) -> {
                if (landed.containsKey(tp)) {
                    seeks.put(tp, offset);
                    landed.put(tp, offset - 1);
                }
            });
            context.offset(seeks);
            return rewind.resumeAt().keySet();
        }
    }

    private void awaitReported() {
        for (Future<Void> future : reported) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while sending bad records to the dead-letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("Could not send a bad record to the dead-letter queue", e.getCause());
            }
        }
        reported.clear();
    }

    private TableWriter writer(String topic) {
        TableWriter writer = writersByTopic.get(topic);
        if (writer == null) {
            String path = router.tablePath(topic);
            writer = writersByPath.computeIfAbsent(path, p -> {
                DeltaTable table = opener.open(p);
                Partitioner partitioner =
                        new Partitioner(config.partitionMode(), config.partitionField(), config.partitionColumn());
                return new TableWriter(
                        table,
                        partitioner,
                        config.auditColumns(),
                        config.schemaEvolution(),
                        config.fileTargetBytes(),
                        ids);
            });
            writersByTopic.put(topic, writer);
        }
        return writer;
    }
}
