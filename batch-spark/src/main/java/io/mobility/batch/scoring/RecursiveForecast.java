package io.mobility.batch.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.mobility.batch.feature.DemandFeatures;
import io.mobility.batch.model.TreePredictions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Forecasts the next H hours of every zone with a one-hour-ahead model, recursively: the forecast of hour T+1
 * becomes the "observed" requests of T+1 when the features of T+2 are computed, and so on. Features come from the
 * same {@link DemandFeatures} as training (no second implementation); future supply, unknown, is held at each zone's
 * last observed value. The history kept is the 168 hours the longest feature needs.
 */
public final class RecursiveForecast {

    /** One forecast: zone, hour, hours ahead of the last observed hour, capped prediction. */
    public record Forecast(String zoneId, Instant hour, int horizon, double prediction) {
    }

    static final StructType GRID = new StructType()
            .add("zone_id", DataTypes.StringType, false)
            .add("zone_type", DataTypes.StringType)
            .add("hour_start", DataTypes.TimestampType, false)
            .add("requests", DataTypes.DoubleType)
            .add("available_drivers", DataTypes.DoubleType);

    private final SparkSession spark;
    private final GBTRegressionModel model;
    private final List<String> features;
    private final Double min;
    private final Double max;

    public RecursiveForecast(SparkSession spark, GBTRegressionModel model, List<String> features, Double min, Double max) {
        this.spark = spark;
        this.model = model;
        this.features = features;
        this.min = min;
        this.max = max;
    }

    /**
     * @param history zone_id, zone_type, hour_start, requests, available_drivers of the observed hours (at least the
     *                last 168 up to {@code lastObserved}, every zone)
     */
    public List<Forecast> forecast(List<Row> history, Instant lastObserved, int horizon) {
        List<Row> rows = new ArrayList<>();
        Map<String, Row> lastRow = new HashMap<>();
        for (Row r : history) {
            rows.add(RowFactory.create(r.getAs("zone_id"), r.getAs("zone_type"), r.getAs("hour_start"),
                    r.getAs("requests"), r.getAs("available_drivers")));
            if (r.<Timestamp>getAs("hour_start").toInstant().equals(lastObserved)) {
                lastRow.put(r.getAs("zone_id"), r);
            }
        }
        List<Forecast> out = new ArrayList<>();
        for (int h = 1; h <= horizon; h++) {
            Instant target = lastObserved.plusSeconds(3600L * h);
            Timestamp targetTs = Timestamp.from(target);
            List<Row> step = new ArrayList<>(rows);
            lastRow.forEach((zone, r) -> step.add(RowFactory.create(zone, r.getAs("zone_type"), targetTs, null, null)));
            Dataset<Row> features = DemandFeatures.compute(spark.createDataFrame(step, GRID))
                    .where(col("hour_start").equalTo(lit(targetTs)));
            List<Row> predicted = TreePredictions.predict(model, this.features, features, min, max)
                    .select("zone_id", TreePredictions.PREDICTION).collectAsList();
            for (Row p : predicted) {
                String zone = p.getString(0);
                double value = p.getDouble(1);
                out.add(new Forecast(zone, target, h, value));
                Row last = lastRow.get(zone);
                rows.add(RowFactory.create(zone, last.getAs("zone_type"), targetTs, value, last.getAs("available_drivers")));
            }
        }
        return out;
    }
}
