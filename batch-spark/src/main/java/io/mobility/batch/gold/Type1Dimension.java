package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.mobility.batch.lake.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * A slowly changing dimension of type 1 (latest values win), built from a silver reference table: dim_zone and
 * dim_rider. Natural keys facts reference before their reference row arrives get an inferred member, which the
 * real row replaces when it comes.
 */
public final class Type1Dimension {

    private final String naturalKey;
    private final String surrogateKey;
    private final Map<String, Column> attributes;

    private Type1Dimension(String naturalKey, String surrogateKey, Map<String, Column> attributes) {
        this.naturalKey = naturalKey;
        this.surrogateKey = surrogateKey;
        this.attributes = attributes;
    }

    public static Type1Dimension zone() {
        return new Type1Dimension(
                "zone_id",
                "zone_key",
                orderedMap(
                        "name", col("name"),
                        "borough", col("borough"),
                        "service_zone", col("service_zone"),
                        "zone_type", col("zone_type"),
                        "centroid_lat", col("centroid.lat"),
                        "centroid_lon", col("centroid.lon")));
    }

    public static Type1Dimension rider() {
        return new Type1Dimension(
                "rider_id",
                "rider_key",
                orderedMap(
                        "signup_date", col("signup_date"),
                        "home_zone_id", col("home_zone_id"),
                        "rating", col("rating")));
    }

    public String surrogateKey() {
        return surrogateKey;
    }

    public String naturalKey() {
        return naturalKey;
    }

    /**
     * Rows to upsert: the latest silver row per natural key, plus inferred members for {@code referenced} natural
     * keys (a one-column frame) that neither those rows nor {@code existing} (the current dimension, may be null) hold.
     */
    public Dataset<Row> upserts(Dataset<Row> silver, Dataset<Row> referenced, Dataset<Row> existing) {
        Dataset<Row> latest = silver.withColumn(
                        "_rank",
                        row_number()
                                .over(Window.partitionBy(naturalKey)
                                        .orderBy(col("updated_at").desc())))
                .where(col("_rank").equalTo(1))
                .select(columns(false));
        Dataset<Row> known = latest.select(naturalKey);
        if (existing != null) {
            known = known.union(existing.select(naturalKey));
        }
        Dataset<Row> inferred = referenced
                .toDF(naturalKey)
                .where(col(naturalKey).isNotNull())
                .distinct()
                .join(known, Columns.seq(naturalKey), "left_anti");
        return latest.unionByName(inferredRows(inferred, latest.schema()));
    }

    /** Updates only ever come from real rows: newer real rows, or a real row replacing an inferred member. */
    public String updateCondition() {
        return "s.is_inferred = false AND (t.is_inferred OR t.updated_at IS NULL OR s.updated_at >= t.updated_at)";
    }

    private Dataset<Row> inferredRows(Dataset<Row> naturalKeys, StructType schema) {
        List<Column> cols = new ArrayList<>();
        cols.add(SurrogateKeys.of(col(naturalKey)).as(surrogateKey));
        cols.add(col(naturalKey));
        attributes.forEach((name, source) ->
                cols.add(lit(null).cast(schema.apply(name).dataType()).as(name)));
        cols.add(lit(true).as("is_inferred"));
        cols.add(lit(null).cast("timestamp").as("updated_at"));
        return naturalKeys.select(cols.toArray(Column[]::new));
    }

    private Column[] columns(boolean inferred) {
        List<Column> cols = new ArrayList<>();
        cols.add(SurrogateKeys.of(col(naturalKey)).as(surrogateKey));
        cols.add(col(naturalKey));
        attributes.forEach((name, source) -> cols.add(source.as(name)));
        cols.add(lit(inferred).as("is_inferred"));
        cols.add(col("updated_at"));
        return cols.toArray(Column[]::new);
    }

    private static Map<String, Column> orderedMap(Object... pairs) {
        Map<String, Column> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Column) pairs[i + 1]);
        }
        return map;
    }
}
