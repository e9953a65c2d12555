package io.mobility.batch.monitoring;

import io.mobility.batch.lake.Columns;
import io.mobility.batch.lake.DeltaMerge;
import io.mobility.batch.lake.DeltaPaths;
import io.mobility.batch.lake.Lake;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/model_monitoring_metrics} (model x version x day) and {@code gold/model_drift_details}
 * (model x version x day x feature), written by MERGE on those keys. Only rows whose values changed are merged and
 * {@code computed_at} changes only with them, so a rerun over the same data leaves both tables as they were.
 */
public final class MonitoringTables {

    public static final String METRICS = "model_monitoring_metrics";
    public static final String DRIFT = "model_drift_details";

    static final StructType METRICS_SCHEMA = new StructType()
            .add("model_name", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("mae", DataTypes.DoubleType, true)
            .add("rmse", DataTypes.DoubleType, true)
            .add("mape", DataTypes.DoubleType, true)
            .add("wape", DataTypes.DoubleType, true)
            .add("rows", DataTypes.LongType, false)
            .add("mape_rows", DataTypes.LongType, false)
            .add("predictions", DataTypes.LongType, false)
            .add("expected_predictions", DataTypes.LongType, false)
            .add("drift_flag", DataTypes.BooleanType, false)
            .add("computed_at", DataTypes.TimestampType, false);

    static final StructType DRIFT_SCHEMA = new StructType()
            .add("model_name", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("feature", DataTypes.StringType, false)
            .add("psi", DataTypes.DoubleType, false)
            .add("band", DataTypes.StringType, false)
            .add("missing_rate_reference", DataTypes.DoubleType, false)
            .add("missing_rate_current", DataTypes.DoubleType, false)
            .add("missing_rate_shift", DataTypes.DoubleType, false)
            .add("missing_shift_flagged", DataTypes.BooleanType, false)
            .add("calendar_feature", DataTypes.BooleanType, false)
            .add("rows", DataTypes.LongType, false)
            .add("window_from", DataTypes.TimestampType, false)
            .add("window_to", DataTypes.TimestampType, false)
            .add("computed_at", DataTypes.TimestampType, false);

    /** One metrics row: the errors of a version-day, its volume and whether drift was flagged that day. */
    public record DayMetrics(VersionDay key, ErrorSums errors, long expected, boolean driftFlag) {}

    /** One drift row: a feature's drift for a version-day, over the day's drift window. */
    public record DayDrift(VersionDay key, FeatureDrift drift, Instant windowFrom, Instant windowTo) {}

    private final SparkSession spark;
    private final Lake lake;

    public MonitoringTables(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    public long writeMetrics(String model, List<DayMetrics> days, Instant computedAt) {
        List<Row> rows = new ArrayList<>();
        for (DayMetrics d : days) {
            ErrorSums e = d.errors();
            rows.add(RowFactory.create(
                    model,
                    d.key().version(),
                    Date.valueOf(d.key().day()),
                    rounded(e.mae()),
                    rounded(e.rmse()),
                    rounded(e.mape()),
                    rounded(e.wape()),
                    e.rows(),
                    e.mapeRows(),
                    e.rows(),
                    d.expected(),
                    d.driftFlag(),
                    Timestamp.from(computedAt)));
        }
        return write(METRICS, METRICS_SCHEMA, rows, List.of("model_name", "model_version", "date"));
    }

    public long writeDrift(String model, List<DayDrift> days, Instant computedAt) {
        List<Row> rows = new ArrayList<>();
        for (DayDrift d : days) {
            FeatureDrift f = d.drift();
            rows.add(RowFactory.create(
                    model,
                    d.key().version(),
                    Date.valueOf(d.key().day()),
                    f.feature(),
                    rounded(f.psi()),
                    f.band().label(),
                    f.missingRateReference(),
                    f.missingRateCurrent(),
                    f.missingRateShift(),
                    f.missingShiftFlagged(),
                    f.calendar(),
                    f.rows(),
                    Timestamp.from(d.windowFrom()),
                    Timestamp.from(d.windowTo()),
                    Timestamp.from(computedAt)));
        }
        return write(DRIFT, DRIFT_SCHEMA, rows, List.of("model_name", "model_version", "date", "feature"));
    }

    /** Merges the rows whose values are new or differ from the table's; returns how many that were. */
    private long write(String table, StructType schema, List<Row> rows, List<String> keys) {
        String path = lake.gold(table);
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        if (DeltaPaths.isDeltaTable(spark, path)) {
            // The tables are small: finding the changed rows first spares a rerun the MERGE and its empty commit.
            Dataset<Row> values = frame.drop("computed_at");
            Dataset<Row> changed =
                    values.except(spark.read().format("delta").load(path).select(Columns.cols(values.columns())));
            List<Row> changedRows = frame.join(
                            changed.select(Columns.cols(keys.toArray(String[]::new))),
                            Columns.seq(keys.toArray(String[]::new)),
                            "left_semi")
                    .collectAsList();
            frame = spark.createDataFrame(changedRows, schema);
            rows = changedRows;
        }
        if (rows.isEmpty()) {
            return 0;
        }
        new DeltaMerge(spark).upsert(path, frame, keys, valuesDiffer(schema, keys));
        return rows.size();
    }

    /**
     * Sums of doubles may come back from Spark in another order on a rerun; 9 decimals keep the last bits of that
     * noise from making an unchanged value look changed.
     */
    static final int DECIMALS = 9;

    private static Double rounded(Double value) {
        return Decimals.rounded(value, DECIMALS);
    }

    /** True when any value other than the keys and computed_at differs: a rerun with the same values is a no-op. */
    private static String valuesDiffer(StructType schema, List<String> keys) {
        String same = Arrays.stream(schema.fieldNames())
                .filter(c -> !keys.contains(c) && !c.equals("computed_at"))
                .map(c -> "t." + c + " <=> s." + c)
                .collect(Collectors.joining(" AND "));
        return "NOT (" + same + ")";
    }
}
