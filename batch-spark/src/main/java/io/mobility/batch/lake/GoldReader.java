package io.mobility.batch.lake;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads lake tables pinned to their current version, so a job sees one consistent state while it writes. */
public final class GoldReader {

    private final SparkSession spark;

    public GoldReader(SparkSession spark) {
        this.spark = spark;
    }

    /** The table at its current version, or null if it does not exist yet. */
    public Dataset<Row> pinned(String path) {
        if (!DeltaPaths.isDeltaTable(spark, path)) {
            return null;
        }
        long version = DeltaPaths.currentVersion(spark, path);
        return spark.read().format("delta").option("versionAsOf", version).load(path);
    }
}
