package io.mobility.sink.delta;

import io.mobility.sink.table.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * The one door to a Delta table: write data files, commit them together with the Kafka offsets they hold, read
 * those offsets back. Schemas are Connect schemas so that the Delta library behind it (delta-standalone today,
 * Delta Kernel once it can evolve schemas and read transaction versions) can change without touching the sink.
 */
public interface DeltaTable {

    /** Where the table lives. */
    String location();

    /** The table's current schema (partition columns included), or empty when the table does not exist yet. */
    Optional<Schema> schema();

    /** The table's partition columns (the configured ones for a table still to be created). */
    List<String> partitionColumns();

    /** The last version committed under a transaction id ({@code SetTransaction}), or -1 if none was. */
    long txnVersion(String appId);

    /** Starts a data file for rows of one partition, with the columns of {@code tableSchema}. */
    DataFileWriter newFile(Schema tableSchema, Map<String, String> partitionValues);

    /**
     * Commits the files and, per transaction id, the range of offsets they hold, atomically; creates the table or
     * changes its schema when {@code tableSchema} differs from the current one. Commits that lose a race with
     * other writers are retried.
     *
     * @return the table version committed
     * @throws AlreadyCommittedException if some transaction id already holds an offset of its range: another writer
     *         (a zombie task, the previous owner of the partition) landed those records, nothing was committed
     */
    long commit(Schema tableSchema, List<DataFile> files, Map<String, OffsetRange> transactions)
            throws AlreadyCommittedException;

    /** An open data file. */
    interface DataFileWriter {

        void write(Row row);

        /** Bytes written or buffered so far. */
        long bytes();

        long records();

        /** Finishes the file; it is not part of the table until committed. */
        DataFile close();

        /** Gives up the file and deletes what was written. */
        void abort();
    }
}
