package io.mobility.batch.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.mobility.batch.lake.Columns;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The rules the gate applies. Each counts checked and broken rows in a single Spark job. */
public final class Checks {

    private Checks() {}

    /** Every key of {@code facts.keyColumn} must be a {@code dimKeyColumn} of {@code dimension}. */
    public static QualityCheck noOrphans(
            String table,
            Dataset<Row> facts,
            String keyColumn,
            String dimTable,
            Dataset<Row> dimension,
            String dimKeyColumn) {
        Dataset<Row> keys =
                dimension.select(col(dimKeyColumn).as(keyColumn)).distinct().withColumn("_found", lit(true));
        Row counts = facts.select(keyColumn)
                .join(keys, Columns.seq(keyColumn), "left")
                .agg(count(lit(1)), sum(when(col("_found").isNull(), 1L).otherwise(0L)))
                .head();
        return new QualityCheck(
                "orphan_" + keyColumn,
                table,
                counts.getLong(0),
                orZero(counts, 1),
                keyColumn + " must resolve to a row of " + dimTable);
    }

    /** No two rows share the given key columns. */
    public static QualityCheck uniqueKey(String table, Dataset<Row> rows, String... keyColumns) {
        Row counts = rows.groupBy(Columns.cols(keyColumns))
                .count()
                .agg(sum("count"), sum(col("count").minus(1)))
                .head();
        return new QualityCheck(
                "unique_" + String.join("_", keyColumns),
                table,
                orZero(counts, 0),
                orZero(counts, 1),
                String.join(", ", keyColumns) + " must be unique");
    }

    /** A surrogate key stands for exactly one natural key (hash keys could collide). */
    public static QualityCheck oneNaturalKeyPerKey(String table, Dataset<Row> rows, String surrogate, String natural) {
        Row counts = rows.groupBy(surrogate)
                .agg(countDistinct(natural).as("n"))
                .agg(count(lit(1)), sum(col("n").minus(1)))
                .head();
        return new QualityCheck(
                "one_" + natural + "_per_" + surrogate,
                table,
                counts.getLong(0),
                orZero(counts, 1),
                surrogate + " must stand for one " + natural);
    }

    /** None of the measures is negative (nulls are allowed: a cancelled ride has no fare). */
    public static QualityCheck nonNegative(String table, Dataset<Row> rows, String... measures) {
        Column broken = Arrays.stream(measures)
                .map(m -> coalesce(col(m).lt(0), lit(false)))
                .reduce(lit(false), Column::or);
        return ruleCheck("non_negative_measures", table, rows, broken, String.join(", ", measures) + " must be >= 0");
    }

    /** At most {@code max} for a measure (e.g. minutes in an hour). */
    public static QualityCheck atMost(String table, Dataset<Row> rows, String measure, double max) {
        return ruleCheck(
                "at_most_" + measure,
                table,
                rows,
                coalesce(col(measure).gt(max), lit(false)),
                measure + " must be <= " + max);
    }

    /** Every source id is in the target, and the target has no id the source lacks. */
    public static QualityCheck reconciled(
            String name, String table, Dataset<Row> sourceIds, Dataset<Row> targetIds, String id) {
        Dataset<Row> source = sourceIds.select(id).distinct().withColumn("_in_source", lit(true));
        Dataset<Row> target = targetIds.select(id).distinct().withColumn("_in_target", lit(true));
        Row counts = source.join(target, Columns.seq(id), "full_outer")
                .agg(
                        sum(when(col("_in_source"), 1L).otherwise(0L)),
                        sum(when(col("_in_target").isNull(), 1L).otherwise(0L)),
                        sum(when(col("_in_source").isNull(), 1L).otherwise(0L)))
                .head();
        long missing = orZero(counts, 1);
        long extra = orZero(counts, 2);
        return new QualityCheck(
                name,
                table,
                orZero(counts, 0),
                missing + extra,
                "each source " + id + " must become exactly one row (" + missing + " missing, " + extra
                        + " unexpected)");
    }

    private static QualityCheck ruleCheck(String name, String table, Dataset<Row> rows, Column broken, String rule) {
        Row counts =
                rows.agg(count(lit(1)), sum(when(broken, 1L).otherwise(0L))).head();
        return new QualityCheck(name, table, counts.getLong(0), orZero(counts, 1), rule);
    }

    private static long orZero(Row row, int i) {
        return row.isNullAt(i) ? 0L : row.getLong(i);
    }
}
