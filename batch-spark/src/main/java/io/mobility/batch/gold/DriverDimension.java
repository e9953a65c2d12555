package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.mobility.batch.lake.Columns;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * dim_driver, a slowly changing dimension of type 2: a new version starts whenever a driver's vehicle type or
 * rating band changes, effective at the silver row's {@code updated_at}. A run rebuilds the whole history of the
 * drivers it touches from their existing versions plus the new rows, so late rows land in the right place.
 */
public final class DriverDimension {

    /** Valid-from of the first version of a driver known only from facts (an inferred member). */
    public static final Timestamp BEGINNING = Timestamp.valueOf("1970-01-01 00:00:00");

    /** The rebuilt versions of the affected drivers, and which drivers those are. */
    public record Rebuild(Dataset<Row> versions, Dataset<Row> affectedDrivers) {}

    private DriverDimension() {}

    public static Column ratingBand(Column rating) {
        return when(rating.isNull(), lit("UNRATED"))
                .when(rating.lt(4.0), lit("BELOW_4.0"))
                .when(rating.lt(4.5), lit("4.0-4.5"))
                .when(rating.lt(4.8), lit("4.5-4.8"))
                .otherwise(lit("4.8+"));
    }

    /**
     * @param silver     new silver/drivers rows
     * @param referenced driver ids facts refer to (one column), null already mapped to UNKNOWN
     * @param existing   the current dim_driver, or null before the first run
     */
    public static Rebuild rebuild(Dataset<Row> silver, Dataset<Row> referenced, Dataset<Row> existing) {
        Dataset<Row> observed = silver.select(
                col("driver_id"),
                EnumDimensions.conform(col("vehicle_type"), EnumDimensions.vehicleTypes())
                        .as("vehicle_type"),
                col("rating"),
                col("signup_date"),
                col("home_zone_id"),
                col("updated_at").as("observed_at"));
        Dataset<Row> silverDrivers = observed.select("driver_id").distinct();
        if (existing != null) {
            Dataset<Row> earlier = existing.where(col("is_inferred").equalTo(false))
                    .join(silverDrivers, "driver_id")
                    .select(
                            col("driver_id"),
                            col("vehicle_type"),
                            col("rating"),
                            col("signup_date"),
                            col("home_zone_id"),
                            col("valid_from").as("observed_at"));
            observed = observed.unionByName(earlier);
        }
        Dataset<Row> versions = versions(observed.withColumn("rating_band", ratingBand(col("rating"))));

        Dataset<Row> known = silverDrivers;
        if (existing != null) {
            known = known.union(existing.select("driver_id"));
        }
        Dataset<Row> inferredIds =
                referenced.toDF("driver_id").distinct().join(known, Columns.seq("driver_id"), "left_anti");
        Dataset<Row> inferred = inferredIds.select(
                SurrogateKeys.ofVersion(col("driver_id"), lit(BEGINNING)).as("driver_key"),
                col("driver_id"),
                lit(SurrogateKeys.UNKNOWN).as("vehicle_type"),
                lit(null).cast("double").as("rating"),
                lit("UNRATED").as("rating_band"),
                lit(null).cast("date").as("signup_date"),
                lit(null).cast("string").as("home_zone_id"),
                lit(BEGINNING).as("valid_from"),
                lit(null).cast("timestamp").as("valid_to"),
                lit(true).as("is_current"),
                lit(true).as("is_inferred"));
        return new Rebuild(
                versions.unionByName(inferred), silverDrivers.union(inferredIds).distinct());
    }

    /** The dimension after a rebuild: untouched drivers' rows plus the rebuilt ones. */
    public static Dataset<Row> after(Dataset<Row> existing, Rebuild rebuild) {
        if (existing == null) {
            return rebuild.versions();
        }
        return existing.join(rebuild.affectedDrivers(), Columns.seq("driver_id"), "left_anti")
                .unionByName(rebuild.versions());
    }

    /**
     * Adds {@code driver_key}: the version valid at {@code at}, or the driver's first version for times before it.
     * {@code id} columns identify a row of {@code facts}; {@code driverId} is the fact's driver id column.
     */
    public static Dataset<Row> withDriverKey(
            Dataset<Row> facts, Column driverId, Column at, Dataset<Row> dimension, String... id) {
        Dataset<Row> v = dimension.select(
                col("driver_id").as("_v_driver"),
                col("driver_key").as("_v_key"),
                col("valid_from").as("_v_from"));
        Dataset<Row> joined = facts.withColumn("_at", at)
                .join(v, coalesce(driverId, lit(SurrogateKeys.UNKNOWN)).equalTo(col("_v_driver")), "left");
        Column before = col("_v_from").leq(col("_at"));
        WindowSpec w = Window.partitionBy(Columns.cols(id))
                .orderBy(
                        when(before, lit(0)).otherwise(lit(1)),
                        when(before, unix_micros(col("_v_from")).multiply(-1)).otherwise(unix_micros(col("_v_from"))));
        return joined.withColumn("_rank", row_number().over(w))
                .where(col("_rank").equalTo(1))
                .withColumn("driver_key", col("_v_key"))
                .drop("_rank", "_v_driver", "_v_key", "_v_from", "_at");
    }

    private static Dataset<Row> versions(Dataset<Row> observed) {
        // One observation per instant: the same row delivered twice, or two rows at one instant, give one version.
        Dataset<Row> perInstant = observed.withColumn(
                        "_rank",
                        row_number()
                                .over(Window.partitionBy("driver_id", "observed_at")
                                        .orderBy(
                                                col("vehicle_type").desc(),
                                                col("rating").desc_nulls_last())))
                .where(col("_rank").equalTo(1))
                .drop("_rank");
        WindowSpec byTime = Window.partitionBy("driver_id").orderBy("observed_at");
        Column previousType = lag(col("vehicle_type"), 1).over(byTime);
        Column previousBand = lag(col("rating_band"), 1).over(byTime);
        Dataset<Row> starts = perInstant
                .withColumn(
                        "_changed",
                        previousType
                                .isNull()
                                .or(previousType.notEqual(col("vehicle_type")))
                                .or(previousBand.notEqual(col("rating_band"))))
                .where(col("_changed"));
        Column validTo = lead(col("observed_at"), 1).over(byTime);
        return starts.select(
                SurrogateKeys.ofVersion(col("driver_id"), col("observed_at")).as("driver_key"),
                col("driver_id"),
                col("vehicle_type"),
                col("rating"),
                col("rating_band"),
                col("signup_date"),
                col("home_zone_id"),
                col("observed_at").as("valid_from"),
                validTo.as("valid_to"),
                validTo.isNull().as("is_current"),
                lit(false).as("is_inferred"));
    }
}
