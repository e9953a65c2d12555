package io.mobility.batch.model;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Forecast errors over rows with an actual: WAPE = sum|error| / sum actual, MAE, RMSE, and MAPE over the rows whose
 * actual is at least {@link #MAPE_MIN_ACTUAL} (small counts make percentages meaningless). Rows whose forecast is
 * missing (a baseline without history) are left out and counted in {@code rows} only when scored.
 */
public record ForecastMetrics(double wape, double mae, double rmse, double mape, long rows) {

    public static final double MAPE_MIN_ACTUAL = 10.0;

    public static ForecastMetrics of(Dataset<Row> rows, String actual, String forecast) {
        Column a = col(actual);
        Column f = col(forecast);
        Column err = abs(a.minus(f));
        Row r = rows.where(a.isNotNull().and(f.isNotNull()).and(not(isnan(f))))
                .agg(
                        sum(err),
                        sum(a),
                        avg(err),
                        sqrt(avg(err.multiply(err))),
                        avg(when(a.geq(MAPE_MIN_ACTUAL), err.divide(a))),
                        count(lit(1)))
                .first();
        long n = r.getLong(5);
        if (n == 0) {
            return new ForecastMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double totalActual = r.getDouble(1);
        return new ForecastMetrics(
                totalActual == 0 ? Double.NaN : r.getDouble(0) / totalActual,
                r.getDouble(2),
                r.getDouble(3),
                r.isNullAt(4) ? Double.NaN : r.getDouble(4),
                n);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        put(node, "wape", wape);
        put(node, "mae", mae);
        put(node, "rmse", rmse);
        put(node, "mape", mape);
        node.put("rows", rows);
        return node;
    }

    private static void put(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
