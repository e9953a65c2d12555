package io.mobility.sink;

import io.mobility.sink.delta.AlreadyCommittedException;
import io.mobility.sink.delta.DataFile;
import io.mobility.sink.delta.DeltaTable;
import io.mobility.sink.delta.OffsetRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A real Delta table whose n-th commit dies after the data files are written and before the log entry is: the
 * moment a worker crash or a storage outage costs the most.
 */
final class FailingCommits implements DeltaTable {

    private final DeltaTable table;
    private final int failingCommit;
    private final AtomicInteger commits = new AtomicInteger();

    FailingCommits(DeltaTable table, int failingCommit) {
        this.table = table;
        this.failingCommit = failingCommit;
    }

    @Override
    public String location() {
        return table.location();
    }

    @Override
    public Optional<Schema> schema() {
        return table.schema();
    }

    @Override
    public List<String> partitionColumns() {
        return table.partitionColumns();
    }

    @Override
    public long txnVersion(String appId) {
        return table.txnVersion(appId);
    }

    @Override
    public DataFileWriter newFile(Schema tableSchema, Map<String, String> partitionValues) {
        return table.newFile(tableSchema, partitionValues);
    }

    @Override
    public long commit(Schema tableSchema, List<DataFile> files, Map<String, OffsetRange> transactions)
            throws AlreadyCommittedException {
        if (commits.incrementAndGet() == failingCommit) {
            throw new ConnectException("Injected crash before committing " + files.size() + " written files");
        }
        return table.commit(tableSchema, files, transactions);
    }
}
