package io.mobility.sink;

import io.mobility.sink.audit.AuditColumns;
import io.mobility.sink.delta.AlreadyCommittedException;
import io.mobility.sink.delta.DataFile;
import io.mobility.sink.delta.DeltaTable;
import io.mobility.sink.delta.OffsetRange;
import io.mobility.sink.table.Partitioner;
import io.mobility.sink.table.Row;
import io.mobility.sink.table.SchemaEvolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uncommitted batch of one table: open Parquet files per partition, the offsets they hold per topic-partition,
 * and the table schema they are written with. A flush commits all of it in one Delta commit carrying one
 * transaction per topic-partition, so the table and the offsets it holds never disagree.
 */
final class TableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
    private static final int SIZE_CHECK_ROWS = 1_000;

    private final DeltaTable table;
    private final Partitioner partitioner;
    private final boolean audit;
    private final boolean evolve;
    private final long fileTargetBytes;
    private final TransactionIds ids;

    private Schema tableSchema;
    // Identity: the converter hands out one Schema instance per writer schema, and deep hashing per record is costly.
    private final Map<Schema, Schema> rowSchemas = new IdentityHashMap<>();
    private final Set<Schema> acceptedRowSchemas = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Map<String, String>, DeltaTable.DataFileWriter> open = new HashMap<>();
    private final List<DeltaTable.DataFileWriter> finished = new ArrayList<>();
    private final Map<TopicPartition, OffsetRange> pending = new LinkedHashMap<>();
    private long pendingRecords;
    private long firstPendingAtMs = -1;

    TableWriter(
            DeltaTable table,
            Partitioner partitioner,
            boolean audit,
            boolean evolve,
            long fileTargetBytes,
            TransactionIds ids) {
        this.table = table;
        this.partitioner = partitioner;
        this.audit = audit;
        this.evolve = evolve;
        this.fileTargetBytes = fileTargetBytes;
        this.ids = ids;
        this.tableSchema = table.schema().orElse(null);
    }

    DeltaTable table() {
        return table;
    }

    /**
     * Adds one record to the batch. A record that cannot land (no struct schema, an incompatible schema, a value
     * that does not fit its column) throws a {@link DataException} naming it, before anything is written.
     */
    void write(SinkRecord record, Instant ingestedAt) {
        String where = "Record " + record.topic() + "/" + record.kafkaPartition() + "@" + record.kafkaOffset();
        Schema valueSchema = record.valueSchema();
        if (valueSchema == null || valueSchema.type() != Schema.Type.STRUCT || !(record.value() instanceof Struct)) {
            throw new DataException(where + " has no struct value with a schema (got "
                    + (valueSchema == null ? "no schema" : valueSchema.type().toString())
                    + "): use a converter with schemas, e.g. io.mobility.serde.connect.AvroConverter");
        }
        Schema rowSchema = rowSchemas.computeIfAbsent(valueSchema, s -> rowSchema(s, where));
        if (!acceptedRowSchemas.contains(rowSchema)) {
            accept(rowSchema, where);
        }
        Struct value = (Struct) record.value();
        Map<String, Object> added = new HashMap<>(8);
        if (audit) {
            AuditColumns.putValues(record, ingestedAt, added);
        }
        partitioner.putDerivedValue(value, ingestedAt, added);
        Row row = new Row(value, added);
        Map<String, String> partition = partitioner.partitionValues(row);
        DeltaTable.DataFileWriter file = open.computeIfAbsent(partition, p -> table.newFile(tableSchema, p));
        try {
            file.write(row);
        } catch (DataException e) {
            throw new DataException(where + ": " + e.getMessage(), e);
        }
        // Parquet sums every column's buffers to answer bytes(): ask every thousand rows, not on every row
        if (file.records() % SIZE_CHECK_ROWS == 0 && file.bytes() >= fileTargetBytes) {
            finished.add(open.remove(partition));
        }
        markHandled(record);
    }

    /** Counts a record as handled without writing it (tombstones, records sent to the dead-letter queue). */
    void markHandled(SinkRecord record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        pending.merge(tp, new OffsetRange(record.kafkaOffset(), record.kafkaOffset()), (a, b) -> a.extendTo(b.last()));
        pendingRecords++;
        if (firstPendingAtMs < 0) {
            firstPendingAtMs = System.currentTimeMillis();
        }
    }

    long pendingRecords() {
        return pendingRecords;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    Set<TopicPartition> pendingPartitions() {
        return pending.keySet();
    }

    boolean due(int maxRecords, long maxBytes, long maxIntervalMs, long nowMs) {
        if (pending.isEmpty()) {
            return false;
        }
        if (pendingRecords >= maxRecords || nowMs - firstPendingAtMs >= maxIntervalMs) {
            return true;
        }
        long bytes = 0;
        for (DeltaTable.DataFileWriter file : open.values()) {
            bytes += file.bytes();
        }
        for (DeltaTable.DataFileWriter file : finished) {
            bytes += file.bytes();
        }
        return bytes >= maxBytes;
    }

    /**
     * Commits the batch. Returns, per topic-partition of the batch, the last offset the table now holds. If another
     * writer already landed some of these offsets the batch is discarded instead and {@link Rewind} is thrown with
     * where each partition must resume.
     */
    Map<TopicPartition, Long> flush() throws Rewind {
        if (pending.isEmpty()) {
            return Map.of();
        }
        List<DataFile> files = new ArrayList<>();
        for (DeltaTable.DataFileWriter file : finished) {
            files.add(file.close());
        }
        for (DeltaTable.DataFileWriter file : open.values()) {
            files.add(file.close());
        }
        Map<String, OffsetRange> transactions = new LinkedHashMap<>();
        pending.forEach((tp, range) -> transactions.put(ids.of(tp), range));
        try {
            long version;
            try {
                version = table.commit(tableSchema, files, transactions);
            } catch (AlreadyCommittedException e) {
                throw e;
            } catch (Exception e) { // delta-standalone also throws checked I/O exceptions undeclared (from Scala)
                // The commit may have reached the log before failing (e.g. in a checkpoint after it): these files
                // must never be deleted. Forget them; if they are orphans, no reader sees them and VACUUM removes them.
                reset();
                throw new ConnectException(
                        "Commit of " + files.size() + " files to " + table.location() + " failed: " + e.getMessage(),
                        e);
            }
            LOG.debug(
                    "Committed {} records in {} files to {} as version {}",
                    pendingRecords,
                    files.size(),
                    table.location(),
                    version);
            Map<TopicPartition, Long> committed = new LinkedHashMap<>();
            pending.forEach((tp, range) -> committed.put(tp, range.last()));
            reset();
            return committed;
        } catch (AlreadyCommittedException e) {
            LOG.warn("{}; discarding this task's copy of the batch", e.getMessage());
            Map<TopicPartition, Long> resumeAt = new LinkedHashMap<>();
            pending.forEach((tp, range) -> {
                long version = e.committedVersions().getOrDefault(ids.of(tp), -1L);
                resumeAt.put(tp, version >= range.first() ? version + 1 : range.first());
            });
            for (DataFile file : files) {
                LOG.debug("Abandoned data file {} stays out of the table", file.path());
            }
            reset();
            // the table may have moved on (another writer evolved it): start over from its schema
            tableSchema = table.schema().orElse(null);
            acceptedRowSchemas.clear();
            throw new Rewind(resumeAt);
        }
    }

    /** Gives up the batch (the task stops): deletes its files, which no commit has seen. */
    void abort() {
        finished.forEach(DeltaTable.DataFileWriter::abort);
        open.values().forEach(DeltaTable.DataFileWriter::abort);
        reset();
    }

    private void reset() {
        finished.clear();
        open.clear();
        pending.clear();
        pendingRecords = 0;
        firstPendingAtMs = -1;
    }

    private Schema rowSchema(Schema valueSchema, String where) {
        partitioner.checkValueSchema(valueSchema, where);
        SchemaBuilder row = SchemaBuilder.struct().name(valueSchema.name());
        for (Field field : valueSchema.fields()) {
            row.field(field.name(), field.schema());
        }
        if (audit) {
            AuditColumns.addTo(row);
        }
        partitioner.addDerivedColumn(row);
        return row.build();
    }

    private void accept(Schema rowSchema, String where) {
        Schema merged;
        try {
            merged = SchemaEvolution.merge(tableSchema, rowSchema, evolve);
        } catch (DataException e) {
            throw new io.mobility.sink.table.IncompatibleTableSchemaException(
                    where + " cannot be written to table " + table.location() + ": " + e.getMessage());
        }
        if (merged != tableSchema) {
            if (tableSchema != null) {
                LOG.info(
                        "Table {} evolves to take {}: {}",
                        table.location(),
                        where,
                        merged.fields().stream().map(Field::name).toList());
            }
            tableSchema = merged;
            // files already open keep their schema; new rows go to new files with the wider one
            finished.addAll(open.values());
            open.clear();
            acceptedRowSchemas.clear();
        }
        acceptedRowSchemas.add(rowSchema);
    }

    /** The batch was discarded because another writer got there first; resume each partition at its offset. */
    static final class Rewind extends Exception {
        private final Map<TopicPartition, Long> resumeAt;

        Rewind(Map<TopicPartition, Long> resumeAt) {
            super("Batch discarded; resume at " + resumeAt);
            this.resumeAt = resumeAt;
        }

        Map<TopicPartition, Long> resumeAt() {
            return resumeAt;
        }
    }
}
