package io.mobility.batch.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The incremental state table {@code _state/table_versions}: for each job and source table, the last Delta version
 * the job has published. Written only after a run's results are in gold, so a failed run is simply redone.
 */
public final class RunState {

    static final StructType SCHEMA = new StructType()
            .add("job", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("version", DataTypes.LongType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false);

    private final SparkSession spark;
    private final String path;

    public RunState(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.path = lake.state("table_versions");
    }

    /** Last published version per source path for this job; absent sources have never been processed. */
    public Map<String, Long> lastVersions(String job) {
        Map<String, Long> versions = new HashMap<>();
        if (!DeltaPaths.isDeltaTable(spark, path)) {
            return versions;
        }
        for (Row row : spark.read()
                .format("delta")
                .load(path)
                .where(col("job").equalTo(job))
                .groupBy("source")
                .agg(max("version").as("version"))
                .collectAsList()) {
            versions.put(row.getString(0), row.getLong(1));
        }
        return versions;
    }

    public void record(String job, String runId, Map<String, Long> versions) {
        if (versions.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        versions.forEach((source, version) -> rows.add(RowFactory.create(job, source, version, runId, now)));
        spark.createDataFrame(rows, SCHEMA)
                .coalesce(1)
                .write()
                .format("delta")
                .mode("append")
                .save(path);
    }
}
