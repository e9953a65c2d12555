package io.mobility.batch.scoring;

import io.mobility.batch.feature.DemandFeatures;
import io.mobility.batch.feature.ZoneHourSeries;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.Row;

/**
 * Forecasts the next H hours of every zone with a one-hour-ahead model, recursively: the forecast of hour T+1
 * becomes the "observed" requests of T+1 when the features of T+2 are computed, and so on. It runs on the driver
 * in one pass: the history is small (zones x {@link ZoneHourSeries#LOOKBACK_HOURS} hours), the features are
 * {@link ZoneHourSeries}'s plain-Java twins of {@link DemandFeatures}, and each prediction is Spark's own
 * {@link GBTRegressionModel#predict} on the vector VectorAssembler would build (null = NaN). Future supply,
 * unknown, is held at each zone's last observed value.
 */
public final class RecursiveForecast {

    /** One forecast: zone, hour, hours ahead of the last observed hour, capped prediction. */
    public record Forecast(String zoneId, Instant hour, int horizon, double prediction) {}

    private final GBTRegressionModel model;
    private final List<String> features;
    private final Double min;
    private final Double max;

    public RecursiveForecast(GBTRegressionModel model, List<String> features, Double min, Double max) {
        this.model = model;
        this.features = features;
        this.min = min;
        this.max = max;
    }

    /**
     * @param history zone_id, zone_type, hour_start, requests, available_drivers of the observed hours (the last
     *                {@link ZoneHourSeries#LOOKBACK_HOURS} up to {@code lastObserved}, every zone)
     */
    public List<Forecast> forecast(List<Row> history, Instant lastObserved, int horizon) {
        Map<String, ZoneHourSeries> zones = new TreeMap<>();
        Map<String, Double> lastSupply = new TreeMap<>();
        long last = ZoneHourSeries.epochHour(lastObserved);
        for (Row r : history) {
            String zone = r.getAs("zone_id");
            ZoneHourSeries series = zones.computeIfAbsent(zone, z -> new ZoneHourSeries(r.getAs("zone_type")));
            long hour =
                    ZoneHourSeries.epochHour(r.<Timestamp>getAs("hour_start").toInstant());
            Double drivers = r.getAs("available_drivers");
            series.put(hour, r.getAs("requests"), drivers);
            if (hour == last) {
                lastSupply.put(zone, drivers);
            }
        }
        List<Forecast> out = new ArrayList<>(lastSupply.size() * horizon);
        for (int h = 1; h <= horizon; h++) {
            long target = last + h;
            for (Map.Entry<String, Double> zone : lastSupply.entrySet()) {
                ZoneHourSeries series = zones.get(zone.getKey());
                double value = cap(model.predict(Vectors.dense(series.features(target, features))));
                out.add(new Forecast(zone.getKey(), Instant.ofEpochSecond(target * 3600), h, value));
                series.put(target, value, zone.getValue());
            }
        }
        return out;
    }

    private double cap(double p) {
        double v = p;
        if (min != null) {
            v = Math.max(v, min);
        }
        if (max != null) {
            v = Math.min(v, max);
        }
        return v;
    }
}
