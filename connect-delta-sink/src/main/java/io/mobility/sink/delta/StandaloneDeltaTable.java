package io.mobility.sink.delta;

import com.fasterxml.jackson.databind.node.TextNode;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import io.delta.standalone.types.StructType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DeltaTable} on delta-standalone: Parquet files by parquet-avro, optimistic commits by the Delta log. */
public final class StandaloneDeltaTable implements DeltaTable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneDeltaTable.class);
    private static final String ENGINE = "mobility-connect-delta-sink";

    private final Configuration conf;
    private final String location;
    private final Path root;
    private final DeltaLog log;
    private final List<String> configuredPartitionColumns;
    private final Map<String, String> tableProperties;
    private final boolean autoCreate;
    private final int maxRetries;
    private List<String> partitionColumns;

    public StandaloneDeltaTable(
            Configuration conf,
            String location,
            List<String> partitionColumns,
            Map<String, String> tableProperties,
            boolean autoCreate,
            int maxRetries) {
        this.conf = conf;
        this.location = location;
        this.root = new Path(location);
        this.log = DeltaLog.forTable(conf, root);
        this.configuredPartitionColumns = List.copyOf(partitionColumns);
        this.tableProperties = Map.copyOf(tableProperties);
        this.autoCreate = autoCreate;
        this.maxRetries = maxRetries;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Optional<Schema> schema() {
        Snapshot snapshot = log.update();
        if (snapshot.getVersion() < 0) {
            return Optional.empty();
        }
        return Optional.of(DeltaSchemas.toConnect(snapshot.getMetadata().getSchema()));
    }

    @Override
    public List<String> partitionColumns() {
        if (partitionColumns == null) {
            partitionColumns = resolvePartitionColumns();
        }
        return partitionColumns;
    }

    private List<String> resolvePartitionColumns() {
        Snapshot snapshot = log.update();
        if (snapshot.getVersion() < 0) {
            return configuredPartitionColumns;
        }
        List<String> actual = snapshot.getMetadata().getPartitionColumns();
        if (!actual.equals(configuredPartitionColumns)) {
            LOG.warn(
                    "Table {} is partitioned by {}, not by the configured {}: keeping the table's partitioning",
                    location,
                    actual,
                    configuredPartitionColumns);
        }
        return actual;
    }

    @Override
    public long txnVersion(String appId) {
        log.update();
        return log.startTransaction().txnVersion(appId);
    }

    @Override
    public DataFileWriter newFile(Schema tableSchema, Map<String, String> partitionValues) {
        StringBuilder dir = new StringBuilder();
        partitionColumns()
                .forEach(column -> dir.append(column)
                        .append('=')
                        .append(PartitionPaths.escape(partitionValues.get(column)))
                        .append('/'));
        String relative = dir + "part-00000-" + UUID.randomUUID() + ".c000.snappy.parquet";
        Schema fileSchema = DeltaSchemas.withoutColumns(tableSchema, new HashSet<>(partitionColumns()));
        return new ParquetDataFileWriter(conf, new Path(root, relative), encode(relative), fileSchema, partitionValues);
    }

    @Override
    public long commit(Schema tableSchema, List<DataFile> files, Map<String, OffsetRange> transactions)
            throws AlreadyCommittedException {
        StructType deltaSchema = DeltaSchemas.toDelta(tableSchema);
        for (int attempt = 0; ; attempt++) {
            log.update();
            OptimisticTransaction txn = log.startTransaction();
            Map<String, Long> versions = new LinkedHashMap<>();
            boolean overlap = false;
            for (Map.Entry<String, OffsetRange> entry : transactions.entrySet()) {
                long version = txn.txnVersion(entry.getKey());
                versions.put(entry.getKey(), version);
                overlap |= version >= entry.getValue().first();
            }
            if (overlap) {
                throw new AlreadyCommittedException(location, versions);
            }
            boolean exists = txn.readVersion() >= 0;
            if (!exists && !autoCreate) {
                throw new ConnectException(
                        "Table " + location + " does not exist and " + "delta.table.auto.create is false");
            }
            if (!exists || !txn.metadata().getSchema().equals(deltaSchema)) {
                Metadata.Builder metadata = exists
                        ? txn.metadata().copyBuilder()
                        : Metadata.builder()
                                .partitionColumns(configuredPartitionColumns)
                                .configuration(tableProperties);
                txn.updateMetadata(metadata.schema(deltaSchema).build());
            }
            List<Action> actions = new ArrayList<>(files.size() + transactions.size());
            for (DataFile file : files) {
                actions.add(
                        AddFile.builder(file.path(), file.partitionValues(), file.size(), file.modificationTime(), true)
                                .stats(quoted(file.stats()))
                                .build());
            }
            long now = System.currentTimeMillis();
            transactions.forEach(
                    (appId, range) -> actions.add(new SetTransaction(appId, range.last(), Optional.of(now))));
            try {
                return txn.commit(actions, new Operation(Operation.Name.STREAMING_UPDATE), ENGINE)
                        .getVersion();
            } catch (DeltaConcurrentModificationException e) {
                if (attempt >= maxRetries) {
                    throw new ConnectException(
                            "Commit to " + location + " lost " + (attempt + 1)
                                    + " races with other writers; giving up: " + e.getMessage(),
                            e);
                }
                LOG.info(
                        "Commit to {} conflicted with another writer ({}); retrying",
                        location,
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * delta-standalone writes {@code stats} raw into the log yet reads it back as a string (delta-io/connectors#380),
     * so it must be handed a JSON string literal: then writers and readers (delta-spark too) see the usual string.
     */
    private static String quoted(String statsJson) {
        return TextNode.valueOf(statsJson).toString();
    }

    private static String encode(String relative) {
        try {
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot encode data file path " + relative, e);
        }
    }
}
