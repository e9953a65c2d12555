package io.mobility.batch;

import io.mobility.delta.PosixLogStore;
import org.apache.spark.sql.SparkSession;

/** The SparkSession every batch job runs in: Delta enabled, loopback driver address, small shuffles. */
public final class BatchSession {

    private BatchSession() {}

    public static SparkSession.Builder builder(String master, int shufflePartitions) {
        SparkSession.Builder builder =
                SparkSession.builder().appName("mobility-batch").master(master);
        if (master.startsWith("local")) {
            // This VM's hostname does not resolve to a reachable address; loopback always does (never on a cluster).
            builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        return builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                // Delta rebuilds table state with 50 tasks by default: far too many for small logs on few cores.
                .config("spark.databricks.delta.snapshotPartitions", shufflePartitions)
                .config("spark.sql.session.timeZone", "UTC")
                // The sink's put-if-absent on local and mounted disks: a job committing beside its tasks (maintain's
                // OPTIMIZE) must not replace one of their commits, as Delta's default store for file: can.
                .config("spark.delta.logStore.file.impl", PosixLogStore.class.getName())
                // Gold tables are small per run: let MERGE write few files.
                .config("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true")
                .config("spark.databricks.delta.schema.autoMerge.enabled", "false");
    }

    /** For spark-submit: master and other settings come from the submit command unless given. */
    public static SparkSession create(BatchOptions options) {
        SparkSession.Builder builder = builder(options.master(), options.shufflePartitions());
        return builder.getOrCreate();
    }
}
