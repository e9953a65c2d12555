package io.mobility.batch.quality;

import io.mobility.batch.JobProgress;
import io.mobility.batch.lake.Lake;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs before a job publishes: records every check's result in gold/quality_checks, then stops the run with a
 * {@link QualityGateException} if any failed.
 */
public final class QualityGate {

    public static final String TABLE = "quality_checks";

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("job", DataTypes.StringType, false)
            .add("check_name", DataTypes.StringType, false)
            .add("table_name", DataTypes.StringType, false)
            .add("passed", DataTypes.BooleanType, false)
            .add("checked_rows", DataTypes.LongType, false)
            .add("failed_rows", DataTypes.LongType, false)
            .add("rule", DataTypes.StringType, false)
            .add("checked_at", DataTypes.TimestampType, false);

    private final SparkSession spark;
    private final Lake lake;
    private final JobProgress progress;

    public QualityGate(SparkSession spark, Lake lake, JobProgress progress) {
        this.spark = spark;
        this.lake = lake;
        this.progress = progress;
    }

    public void enforce(String job, String runId, List<QualityCheck> checks) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = checks.stream()
                .map(c -> RowFactory.create(
                        runId, job, c.name(), c.table(), c.passed(), c.checkedRows(), c.failedRows(), c.rule(), now))
                .toList();
        spark.createDataFrame(rows, SCHEMA)
                .coalesce(1)
                .write()
                .format("delta")
                .mode("append")
                .save(lake.gold(TABLE));
        checks.forEach(c -> progress.stage("quality " + c.describe()));
        List<QualityCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (!failed.isEmpty()) {
            throw new QualityGateException(failed);
        }
    }
}
