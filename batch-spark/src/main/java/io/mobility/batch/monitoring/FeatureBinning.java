package io.mobility.batch.monitoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.mobility.lake.ReferenceDistribution;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts feature rows per hour and reference bin in one Spark job, so that any window of hours (each day's drift
 * window) is a sum of small per-hour counts on the driver.
 */
public final class FeatureBinning {

    private FeatureBinning() {}

    /**
     * Per {@code hour_start}, per feature, the rows in each bin of the feature's reference. A feature the table does
     * not have counts as missing on every row: a feature that vanished from the pipeline is the drift to report.
     */
    public static Map<Instant, Map<String, BinCounts>> countsPerHour(
            Dataset<Row> features, Map<String, ReferenceDistribution> references) {
        Set<String> columns = Set.of(features.columns());
        Column[] bins = references.entrySet().stream()
                .map(e -> struct(
                        lit(e.getKey()).as("feature"),
                        binOf(
                                        e.getValue(),
                                        columns.contains(e.getKey())
                                                ? col(e.getKey()).cast("double")
                                                : lit(null).cast("double"))
                                .as("bin")))
                .toArray(Column[]::new);
        List<Row> rows = features.select(col("hour_start"), explode(array(bins)).as("b"))
                .groupBy(
                        col("hour_start"),
                        col("b.feature").as("feature"),
                        col("b.bin").as("bin"))
                .count()
                .collectAsList();
        Map<Instant, Map<String, BinCounts>> counts = new HashMap<>();
        for (Row r : rows) {
            counts.computeIfAbsent(r.getTimestamp(0).toInstant(), h -> new HashMap<>())
                    .computeIfAbsent(r.getString(1), f -> new BinCounts())
                    .add(r.getInt(2), r.getLong(3));
        }
        return counts;
    }

    /**
     * The bin of {@code x} as a Spark expression: -1 for missing (null or NaN), else the first i with
     * {@code x < edges[i+1]}; values below the first edge land in bin 0, values at or above the last in bin 9.
     */
    static Column binOf(ReferenceDistribution reference, Column x) {
        double[] edges = reference.edges();
        Column bin = lit(ReferenceDistribution.BINS - 1);
        for (int i = ReferenceDistribution.BINS - 2; i >= 0; i--) {
            bin = when(x.lt(lit(edges[i + 1])), lit(i)).otherwise(bin);
        }
        return when(x.isNull().or(isnan(x)), lit(ReferenceDistribution.MISSING_BIN))
                .otherwise(bin);
    }

    /** Features of metadata that lack a column in the table (reported by the job). */
    public static List<String> absent(Dataset<Row> features, Iterable<String> names) {
        Set<String> columns = Set.of(features.columns());
        return java.util.stream.StreamSupport.stream(names.spliterator(), false)
                .filter(n -> !columns.contains(n))
                .toList();
    }
}
