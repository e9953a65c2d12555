package io.mobility.batch;

import io.mobility.batch.lake.Lake;
import org.apache.spark.sql.SparkSession;

/** One subcommand of {@code ./mobility batch}: a Spark job over the lake. */
public interface BatchJob {

    /** Runs the job; the session and lake belong to the caller. Job-specific options arrive in {@code options}. */
    void run(SparkSession spark, Lake lake, BatchOptions options);
}
