package io.mobility.batch.monitoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.mobility.lake.MonitoringSnapshot.HourPoint;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Predicted against actual per hour, for the pictures and the snapshot: the busiest zones of the window (most actual
 * requests) and the city total (sums over every zone the version predicted).
 */
public record ForecastSeries(Map<String, List<HourPoint>> busiestZones, List<HourPoint> city) {

    /** From {@link PredictionErrors#withActuals} rows of one version; zones keyed by their label. */
    public static ForecastSeries of(
            Dataset<Row> withActuals, String version, int zones, Map<String, String> zoneNames) {
        Dataset<Row> rows = withActuals.filter(col("model_version").equalTo(lit(version)));
        List<String> busiest = rows
                .groupBy("zone_id")
                .agg(sum("actual").as("total"))
                .orderBy(desc("total"), col("zone_id"))
                .limit(zones)
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList();
        Map<String, List<HourPoint>> byZone = new LinkedHashMap<>();
        busiest.forEach(z -> byZone.put(label(z, zoneNames), new ArrayList<>()));
        for (Row r : rows.filter(col("zone_id").isin(busiest.toArray()))
                .orderBy("target_hour")
                .select("zone_id", "target_hour", "prediction", "actual")
                .collectAsList()) {
            byZone.get(label(r.getString(0), zoneNames)).add(point(r.getTimestamp(1), r.getDouble(2), r.getDouble(3)));
        }
        List<HourPoint> city = rows
                .groupBy("target_hour")
                .agg(sum("prediction"), sum("actual"))
                .orderBy("target_hour")
                .collectAsList()
                .stream()
                .map(r -> point(r.getTimestamp(0), r.getDouble(1), r.getDouble(2)))
                .toList();
        return new ForecastSeries(byZone, city);
    }

    /** The city total of the last {@code hours} hours, oldest first. */
    public List<HourPoint> lastCityHours(int hours) {
        return city.subList(Math.max(0, city.size() - hours), city.size());
    }

    private static String label(String zoneId, Map<String, String> names) {
        String name = names.get(zoneId);
        return name == null ? "zone " + zoneId : zoneId + " " + name;
    }

    private static HourPoint point(Timestamp hour, double predicted, double actual) {
        return new HourPoint(hour.toInstant(), predicted, actual);
    }
}
