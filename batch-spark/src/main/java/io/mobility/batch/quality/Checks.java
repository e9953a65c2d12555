package io.mobility.batch.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.mobility.batch.lake.Columns;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The rules the gate applies, each counting the rows that break it. */
public final class Checks {

    private Checks() {
    }

    /** Every key of {@code facts.keyColumn} must be a {@code dimKeyColumn} of {@code dimension}. */
    public static QualityCheck noOrphans(String table, Dataset<Row> facts, String keyColumn, String dimTable,
                                         Dataset<Row> dimension, String dimKeyColumn) {
        Dataset<Row> keys = dimension.select(col(dimKeyColumn).as(keyColumn)).distinct();
        long orphans = facts.select(keyColumn).join(keys, Columns.seq(keyColumn), "left_anti").count();
        return new QualityCheck("orphan_" + keyColumn, table, facts.count(), orphans,
                keyColumn + " must resolve to a row of " + dimTable);
    }

    /** No two rows share the given key columns. */
    public static QualityCheck uniqueKey(String table, Dataset<Row> rows, String... keyColumns) {
        long total = rows.count();
        long distinct = rows.select(Columns.cols(keyColumns)).distinct().count();
        return new QualityCheck("unique_" + String.join("_", keyColumns), table, total, total - distinct,
                String.join(", ", keyColumns) + " must be unique");
    }

    /** A surrogate key stands for exactly one natural key (hash keys could collide). */
    public static QualityCheck oneNaturalKeyPerKey(String table, Dataset<Row> rows, String surrogate, String natural) {
        long keys = rows.select(surrogate).distinct().count();
        long pairs = rows.select(surrogate, natural).distinct().count();
        return new QualityCheck("one_" + natural + "_per_" + surrogate, table, pairs, pairs - keys,
                surrogate + " must stand for one " + natural);
    }

    /** None of the measures is negative (nulls are allowed: a cancelled ride has no fare). */
    public static QualityCheck nonNegative(String table, Dataset<Row> rows, String... measures) {
        Column broken = Arrays.stream(measures).map(m -> col(m).lt(0)).reduce(lit(false), Column::or);
        return new QualityCheck("non_negative_measures", table, rows.count(), rows.where(broken).count(),
                String.join(", ", measures) + " must be >= 0");
    }

    /** Every source id is in the target, and the target has no id the source lacks. */
    public static QualityCheck reconciled(String name, String table, Dataset<Row> sourceIds, Dataset<Row> targetIds, String id) {
        Dataset<Row> source = sourceIds.select(id).distinct();
        Dataset<Row> target = targetIds.select(id).distinct();
        long missing = source.join(target, Columns.seq(id), "left_anti").count();
        long extra = target.join(source, Columns.seq(id), "left_anti").count();
        return new QualityCheck(name, table, source.count(), missing + extra,
                "each source " + id + " must become exactly one row (" + missing + " missing, " + extra + " unexpected)");
    }

    /** At most {@code max} for a measure (e.g. minutes in an hour). */
    public static QualityCheck atMost(String table, Dataset<Row> rows, String measure, double max) {
        return new QualityCheck("at_most_" + measure, table, rows.count(), rows.where(col(measure).gt(max)).count(),
                measure + " must be <= " + max);
    }
}
