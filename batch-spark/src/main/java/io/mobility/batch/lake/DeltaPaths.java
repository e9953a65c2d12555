package io.mobility.batch.lake;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;

/** Small questions about Delta tables by path. */
public final class DeltaPaths {

    private DeltaPaths() {
    }

    public static boolean isDeltaTable(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The table's latest committed version. */
    public static long currentVersion(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
    }
}
