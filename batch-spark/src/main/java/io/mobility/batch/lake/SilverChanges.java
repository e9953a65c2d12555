package io.mobility.batch.lake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads what an append-only silver table gained since a version: the data files its commits added with
 * {@code dataChange=true} (what Delta's own streaming source reads), so OPTIMIZE rewrites are not read twice.
 * When that is not possible (first run, deletion vectors, column mapping) it reads the whole snapshot instead:
 * every gold write is an idempotent MERGE, so reading too much costs time, never correctness.
 * Partition columns are dropped: jobs derive dates from event times and never rely on partitioning.
 */
public final class SilverChanges {

    /** Rows to process, the version they reach, and whether they are the whole table. */
    public record Batch(Dataset<Row> rows, Optional<Long> toVersion, boolean wholeTable) {}

    private final SparkSession spark;

    public SilverChanges(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Rows added to {@code path} after {@code lastVersion}; an empty frame of {@code schema} when the table is absent.
     */
    public Batch since(String path, StructType schema, Optional<Long> lastVersion) {
        if (!DeltaPaths.isDeltaTable(spark, path)) {
            return new Batch(spark.createDataFrame(List.of(), schema), Optional.empty(), true);
        }
        long current = DeltaPaths.currentVersion(spark, path);
        Set<String> partitionColumns = partitionColumns(path);
        if (lastVersion.isPresent() && lastVersion.get() >= current) {
            return new Batch(emptyLike(path, partitionColumns), Optional.of(current), false);
        }
        if (lastVersion.isPresent() && !columnMapped(path)) {
            Optional<List<String>> files = addedFiles(path, lastVersion.get() + 1, current);
            if (files.isPresent()) {
                StructType dataSchema = dropColumns(DeltaPaths.schema(spark, path), partitionColumns);
                Dataset<Row> rows = files.get().isEmpty()
                        ? spark.createDataFrame(List.of(), dataSchema)
                        : spark.read().schema(dataSchema).parquet(files.get().toArray(String[]::new));
                return new Batch(rows, Optional.of(current), false);
            }
        }
        Dataset<Row> all =
                spark.read().format("delta").option("versionAsOf", current).load(path);
        return new Batch(all.drop(partitionColumns.toArray(String[]::new)), Optional.of(current), true);
    }

    /**
     * Absolute paths of files added with data changes in (from..to]; empty Optional when a file has a deletion vector.
     */
    private Optional<List<String>> addedFiles(String path, long from, long to) {
        DeltaLog log = DeltaLog.forTable(spark, path);
        Path dataPath = log.dataPath();
        List<String> files = new ArrayList<>();
        Iterator<Tuple2<Object, scala.collection.immutable.Seq<Action>>> changes;
        try {
            changes = CollectionConverters.asJava(log.getChanges(from, to, Option.empty(), true));
        } catch (RuntimeException logCleanedUp) {
            // Commits older than the log retention are gone: fall back to the snapshot.
            return Optional.empty();
        }
        while (changes.hasNext()) {
            Tuple2<Object, scala.collection.immutable.Seq<Action>> commit = changes.next();
            for (Action action : CollectionConverters.asJava(commit._2())) {
                if (action instanceof AddFile add && add.dataChange()) {
                    if (add.deletionVector() != null) {
                        return Optional.empty();
                    }
                    files.add(absolute(dataPath, add.path()));
                }
            }
        }
        return Optional.of(files);
    }

    private static String absolute(Path dataPath, String addPath) {
        try {
            URI uri = new URI(addPath);
            return (uri.isAbsolute() ? new Path(uri) : new Path(dataPath, new Path(uri))).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(
                    "Delta log of " + dataPath + " names an unreadable file path '" + addPath + "'", e);
        }
    }

    private Set<String> partitionColumns(String path) {
        return new TreeSet<>(DeltaPaths.partitionColumns(spark, path));
    }

    private boolean columnMapped(String path) {
        String mode = DeltaPaths.properties(spark, path).get("delta.columnMapping.mode");
        return mode != null && !"none".equals(mode);
    }

    private Dataset<Row> emptyLike(String path, Set<String> partitionColumns) {
        StructType schema = dropColumns(DeltaPaths.schema(spark, path), partitionColumns);
        return spark.createDataFrame(List.of(), schema);
    }

    private static StructType dropColumns(StructType schema, Set<String> columns) {
        return new StructType(Arrays.stream(schema.fields())
                .filter(f -> !columns.contains(f.name()))
                .toArray(org.apache.spark.sql.types.StructField[]::new));
    }
}
