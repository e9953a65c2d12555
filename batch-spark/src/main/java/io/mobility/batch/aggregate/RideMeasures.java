package io.mobility.batch.aggregate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** The ride measures every demand aggregate shares, over fact_ride rows. */
final class RideMeasures {

    private RideMeasures() {}

    static Column requests() {
        return count(lit(1)).as("requests");
    }

    static Column completed() {
        return sum(when(col("is_completed"), 1L).otherwise(0L)).as("completed");
    }

    static Column cancelled() {
        return sum(when(col("is_cancelled"), 1L).otherwise(0L)).as("cancelled");
    }

    /** Fare totals of completed rides, tips included. */
    static Column revenue() {
        return coalesce(sum(when(col("is_completed"), col("fare_total"))), lit(0))
                .cast("decimal(14,2)")
                .as("revenue");
    }

    static Column avgWaitSeconds() {
        return round(avg(col("wait_seconds")), 3).as("avg_wait_seconds");
    }
}
