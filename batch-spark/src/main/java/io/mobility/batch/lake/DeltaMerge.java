package io.mobility.batch.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Idempotent writes into gold tables. Every write is a Delta MERGE that touches a row only when its values change,
 * so replaying a run leaves the table's content as it was. Gold tables record their change data feed so that
 * downstream jobs read only what changed.
 */
public final class DeltaMerge {

    private static final String OP = "_merge_op";

    private final SparkSession spark;

    public DeltaMerge(SparkSession spark) {
        this.spark = spark;
    }

    /** Creates the table with the rows' schema and the change data feed on, if it does not exist yet. */
    public DeltaTable ensureTable(String path, Dataset<Row> like) {
        return DeltaTable.createIfNotExists(spark)
                .location(path)
                .addColumns(like.schema())
                .property("delta.enableChangeDataFeed", "true")
                .execute();
    }

    /**
     * Inserts new keys and updates existing ones whose values differ. {@code extraUpdateCondition} (may be null)
     * further restricts updates, e.g. "s.version >= t.version" so that an older source row never overwrites a newer.
     */
    public void upsert(String path, Dataset<Row> rows, List<String> keys, String extraUpdateCondition) {
        if (createdWith(path, rows)) {
            return;
        }
        DeltaTable table = DeltaTable.forPath(spark, path);
        String changed = changedCondition(rows, keys);
        String update = extraUpdateCondition == null ? changed : "(" + extraUpdateCondition + ") AND (" + changed + ")";
        table.as("t")
                .merge(rows.as("s"), keyCondition(keys))
                .whenMatched(update)
                .updateExpr(assignments(rows))
                .whenNotMatched()
                .insertExpr(assignments(rows))
                .execute();
    }

    /** Inserts any of {@code rows} (a small, fixed list such as the hours of a day) whose key the table lacks. */
    public void ensureRows(String path, Dataset<Row> rows, String key) {
        if (DeltaPaths.isDeltaTable(spark, path)
                && rows.join(spark.read().format("delta").load(path), Columns.seq(key), "left_anti")
                        .isEmpty()) {
            return;
        }
        upsert(path, rows, List.of(key), null);
    }

    /**
     * Makes the rows of the affected slices (values of {@code sliceColumn}) exactly {@code rows}: rows that
     * changed are updated, new ones inserted, and rows of those slices that are no longer produced deleted.
     */
    public void replaceSlices(
            String path, Dataset<Row> rows, List<String> keys, String sliceColumn, Dataset<Row> slices) {
        if (createdWith(path, rows)) {
            return;
        }
        DeltaTable table = DeltaTable.forPath(spark, path);
        Dataset<Row> stale = table.toDF()
                .join(slices.select(col(sliceColumn)).distinct(), sliceColumn)
                .join(
                        rows.select(keys.stream().map(k -> col(k)).toArray(Column[]::new)),
                        Columns.seq(keys.toArray(String[]::new)),
                        "left_anti")
                .select(Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new))
                .withColumn(OP, lit("delete"));
        Dataset<Row> source = rows.withColumn(OP, lit("upsert")).unionByName(stale);
        table.as("t")
                .merge(source.as("s"), keyCondition(keys))
                .whenMatched("s." + OP + " = 'delete'")
                .delete()
                .whenMatched(changedCondition(rows, keys))
                .updateExpr(assignments(rows))
                .whenNotMatched("s." + OP + " = 'upsert'")
                .insertExpr(assignments(rows))
                .execute();
    }

    /** A table that does not exist yet is created and simply appended to: a MERGE into nothing costs more jobs. */
    private boolean createdWith(String path, Dataset<Row> rows) {
        if (DeltaPaths.isDeltaTable(spark, path)) {
            return false;
        }
        ensureTable(path, rows);
        rows.write().format("delta").mode("append").save(path);
        return true;
    }

    private static String keyCondition(List<String> keys) {
        return keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
    }

    private static String changedCondition(Dataset<Row> rows, List<String> keys) {
        String same = Arrays.stream(rows.schema().fields())
                .map(StructField::name)
                .filter(c -> !keys.contains(c))
                .map(c -> "t." + c + " <=> s." + c)
                .collect(Collectors.joining(" AND "));
        return same.isEmpty() ? "false" : "NOT (" + same + ")";
    }

    private static Map<String, String> assignments(Dataset<Row> rows) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String c : rows.columns()) {
            set.put(c, "s." + c);
        }
        return set;
    }
}
