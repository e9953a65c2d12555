package io.mobility.sink.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * delta-spark, the reference reader, as tests use it: one local SparkSession per test JVM (a session costs tens of
 * seconds on a 2-core machine), configured as DESIGN.md says for this VM.
 */
public final class Lakehouse {

    private static SparkSession spark;

    private Lakehouse() {}

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .appName("connect-delta-sink-tests")
                    .master("local[2]")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.delta.logStore.file.impl", "io.mobility.delta.PosixLogStore")
                    // tiny tables on a shared 2-core machine: compiling code costs more than it saves
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.adaptive.enabled", "false")
                    .config("spark.databricks.delta.snapshotPartitions", "1")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .getOrCreate();
        }
        return spark;
    }

    public static Dataset<Row> table(String path) {
        return spark().read().format("delta").load(path);
    }

    /** One aggregate row over a table: each check in one Spark job rather than one job per check. */
    public static Row summary(String path, String... expressions) {
        return table(path).selectExpr(expressions).first();
    }

    public static Dataset<Row> sql(String sql) {
        return spark().sql(sql);
    }
}
