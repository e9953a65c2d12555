package io.mobility.batch.monitoring;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Past predictions against what happened: per version and day, the sums every error metric is made of. */
public final class PredictionErrors {

    private PredictionErrors() {}

    /**
     * Predictions with their actual requests ({@code actual}); a zone-hour without an {@code agg_zone_hour} row had
     * no requests, so its actual is 0.
     */
    public static Dataset<Row> withActuals(Dataset<Row> predictions, Dataset<Row> zoneHours) {
        Dataset<Row> actuals = zoneHours.select(
                col("zone_id").as("a_zone_id"),
                col("hour_start").as("a_hour"),
                col("requests").cast("double").as("actual"));
        return predictions
                .join(
                        actuals,
                        col("zone_id")
                                .equalTo(col("a_zone_id"))
                                .and(col("target_hour").equalTo(col("a_hour"))),
                        "left")
                .select(
                        col("zone_id"),
                        col("target_hour"),
                        col("model_version"),
                        date_format(col("target_hour"), "yyyy-MM-dd").as("day"),
                        col("prediction"),
                        coalesce(col("actual"), lit(0.0)).as("actual"));
    }

    /** Error sums per version and day of {@link #withActuals} rows (one small Spark job, a row per version-day). */
    public static Map<VersionDay, ErrorSums> sums(Dataset<Row> withActuals) {
        Column error = abs(col("prediction").minus(col("actual")));
        Column mapeEligible = col("actual").geq(ErrorSums.MAPE_MIN_ACTUAL);
        Map<VersionDay, ErrorSums> sums = new LinkedHashMap<>();
        for (Row r : withActuals
                .groupBy("model_version", "day")
                .agg(
                        count(lit(1)).as("rows"),
                        sum(error).as("abs_error"),
                        sum(pow(error, 2)).as("squared_error"),
                        sum(col("actual")).as("actual"),
                        count(when(mapeEligible, lit(1))).as("mape_rows"),
                        coalesce(sum(when(mapeEligible, error.divide(col("actual")))), lit(0.0))
                                .as("ape"))
                .orderBy("model_version", "day")
                .collectAsList()) {
            sums.put(
                    new VersionDay(r.getString(0), LocalDate.parse(r.getString(1))),
                    new ErrorSums(
                            r.getLong(2),
                            r.getDouble(3),
                            r.getDouble(4),
                            r.getDouble(5),
                            r.getLong(6),
                            r.getDouble(7)));
        }
        return sums;
    }
}
