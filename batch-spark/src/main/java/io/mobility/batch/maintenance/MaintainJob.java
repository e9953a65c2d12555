package io.mobility.batch.maintenance;

import io.delta.tables.DeltaTable;
import io.mobility.batch.BatchJob;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.JobProgress;
import io.mobility.batch.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code batch maintain}: OPTIMIZE (bin-packing small files) then VACUUM every Delta table of the chosen layers.
 * Safe beside a running sink: OPTIMIZE commits with dataChange=false and only conflicts with deletes of the files it
 * compacts (the sink only appends), and VACUUM keeps every file younger than the retention, which may not go below
 * Delta's 7-day safety limit unless {@code --allow-short-retention true} is given (tests, never production).
 */
public final class MaintainJob implements BatchJob {

    public static final String NAME = "maintain";
    public static final long DEFAULT_RETAIN_HOURS = 168;
    public static final List<String> DEFAULT_LAYERS = List.of("bronze", "silver", "gold", "_state");

    @Override
    public void run(SparkSession spark, Lake lake, BatchOptions options) {
        JobProgress progress = JobProgress.stdout(NAME);
        long retainHours = options.longOption("retain-hours", DEFAULT_RETAIN_HOURS);
        boolean allowShort =
                Boolean.parseBoolean(options.option("allow-short-retention").orElse("false"));
        if (retainHours < 0) {
            throw new IllegalArgumentException("--retain-hours must be >= 0, got " + retainHours);
        }
        if (retainHours < DEFAULT_RETAIN_HOURS && !allowShort) {
            throw new IllegalArgumentException("--retain-hours " + retainHours + " is below Delta's safety limit of "
                    + DEFAULT_RETAIN_HOURS + " hours: a running sink or reader could lose files it still needs. "
                    + "Pass --allow-short-retention true only when nothing else uses the lake.");
        }
        List<String> layers =
                options.option("layers").map(v -> Arrays.asList(v.split(","))).orElse(DEFAULT_LAYERS);
        // Delta refuses short retention on its own too; lift that only when the user explicitly asked for it.
        spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", String.valueOf(!allowShort));
        for (String layer : layers) {
            for (String table : tables(spark, lake.layer(layer.trim()))) {
                maintain(spark, table, retainHours, progress);
            }
        }
        progress.stage("done");
    }

    private static void maintain(SparkSession spark, String path, long retainHours, JobProgress progress) {
        DeltaTable table = DeltaTable.forPath(spark, path);
        long filesBefore = fileCount(table);
        table.optimize().executeCompaction();
        long filesAfter = fileCount(table);
        table.vacuum(retainHours);
        progress.stage(String.format(
                "%s: %d -> %d data files, vacuumed files older than %d h", path, filesBefore, filesAfter, retainHours));
    }

    private static long fileCount(DeltaTable table) {
        return table.detail().select("numFiles").head().getLong(0);
    }

    /** Delta tables directly under a layer directory (one level: {@code <layer>/<table>/_delta_log}). */
    static List<String> tables(SparkSession spark, String layerPath) {
        List<String> tables = new ArrayList<>();
        try {
            Path layer = new Path(layerPath);
            FileSystem fs = layer.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(layer)) {
                return tables;
            }
            for (FileStatus child : fs.listStatus(layer)) {
                if (child.isDirectory() && fs.exists(new Path(child.getPath(), "_delta_log"))) {
                    tables.add(child.getPath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list tables under " + layerPath, e);
        }
        tables.sort(String::compareTo);
        return tables;
    }
}
