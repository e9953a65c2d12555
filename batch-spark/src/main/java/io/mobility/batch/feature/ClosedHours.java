package io.mobility.batch.feature;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.mobility.batch.BatchOptions;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.lake.GoldReader;
import io.mobility.batch.lake.Lake;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Which hours are observed: only those that have ended by the data's watermark, the latest ride request in
 * {@code gold/fact_ride}, or by {@code --as-of} when it is earlier. The hour the watermark falls in is still filling
 * up (a live feed keeps adding requests to it): counting it as observed would make its partial count the
 * {@code lag_1h} of the hour the snapshot forecasts. The watermark is the request stream's own progress because
 * requests are what the hours count: once a request of a later hour has arrived, an hour's count is complete.
 * Later events of other kinds (a completion after the feed stopped) do not close hours, or hours without a single
 * request seen would count as observed zeros.
 */
public final class ClosedHours {

    private ClosedHours() {}

    /** The start of the last hour that has ended by {@code watermark}. */
    public static Instant lastClosed(Instant watermark) {
        return watermark.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    }

    /**
     * The last closed hour of the lake's data, or of {@code --as-of} when that is earlier than the data's watermark.
     */
    public static Instant lastClosed(SparkSession spark, Lake lake, BatchOptions options) {
        Instant watermark = watermark(spark, lake);
        Instant asOf = options.option("as-of")
                .map(v -> {
                    try {
                        return Instant.parse(v);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(
                                "option --as-of must be an ISO-8601 instant such as 2026-11-27T10:00:00Z, got '" + v
                                        + "'");
                    }
                })
                .orElse(watermark);
        return lastClosed(asOf.isBefore(watermark) ? asOf : watermark);
    }

    /** The latest ride request time in gold/fact_ride. */
    public static Instant watermark(SparkSession spark, Lake lake) {
        String path = lake.gold(GoldTables.FACT_RIDE);
        Dataset<Row> rides = new GoldReader(spark).pinned(path);
        if (rides == null) {
            throw new IllegalArgumentException("no Delta table at " + path
                    + ": the data's watermark (its latest event time) comes from fact_ride; run 'batch gold' first");
        }
        Row latest = rides.agg(max(col("requested_at"))).first();
        if (latest.isNullAt(0)) {
            throw new IllegalArgumentException(path + " has no ride requests (requested_at): nothing is observed yet");
        }
        return latest.getTimestamp(0).toInstant();
    }
}
