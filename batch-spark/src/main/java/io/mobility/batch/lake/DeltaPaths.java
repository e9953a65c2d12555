package io.mobility.batch.lake;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Small questions about Delta tables by path, answered from the Delta log's latest snapshot (no Spark job, which
 * matters when a run asks them for every table).
 */
public final class DeltaPaths {

    private DeltaPaths() {}

    public static boolean isDeltaTable(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The table's latest committed version. */
    public static long currentVersion(SparkSession spark, String path) {
        return snapshot(spark, path).version();
    }

    public static List<String> partitionColumns(SparkSession spark, String path) {
        return CollectionConverters.asJava(snapshot(spark, path).metadata().partitionColumns());
    }

    public static Map<String, String> properties(SparkSession spark, String path) {
        return CollectionConverters.asJava(snapshot(spark, path).metadata().configuration());
    }

    public static org.apache.spark.sql.types.StructType schema(SparkSession spark, String path) {
        return snapshot(spark, path).schema();
    }

    private static Snapshot snapshot(SparkSession spark, String path) {
        return DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    }
}
