package io.mobility.batch.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fixture lake in the shape the ml contract gives the monitor's inputs: three zones over four weeks of March 2026,
 * three weeks of training (Mar 2-22) and one monitored week (Mar 23-29). Demand repeats every week, so the monitored
 * week's features are distributed exactly as in training unless a scenario changes them. The data's watermark (the
 * latest ride request) is 20 minutes into Mar 30: that hour is still open, its counts in agg_zone_hour are partial.
 */
final class MonitoringLake {

    enum Scenario {
        UNCHANGED,
        /** The busiest zone's demand doubles from the first monitored hour (the model does not know). */
        ZONE_DEMAND_DOUBLED,
        /** {@link #MISSING_FEATURE} is null from {@link #MISSING_FROM} on. */
        FEATURE_MISSING,
        /** A tenth of the demand: no zone-hour ever reaches 10 requests, so there is no MAPE on any day. */
        SMALL_CITY
    }

    static final String MODEL = "demand";
    static final String CURRENT = "20260322T000000Z";
    static final String PREVIOUS = "20260315T000000Z";
    static final Instant TRAIN_FROM = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant MONITOR_FROM = Instant.parse("2026-03-23T00:00:00Z");
    static final Instant END = Instant.parse("2026-03-30T00:00:00Z");
    /** The hour the watermark falls in: requested into until {@link #WATERMARK}, so not closed. */
    static final Instant OPEN_HOUR = END;

    static final Instant WATERMARK = Instant.parse("2026-03-30T00:20:00Z");
    static final Instant PREVIOUS_UNTIL = Instant.parse("2026-03-26T00:00:00Z");
    static final Instant MISSING_FROM = Instant.parse("2026-03-27T00:00:00Z");
    static final Map<String, Integer> ZONE_BASE = new LinkedHashMap<>(Map.of("101", 5, "102", 10, "103", 30));
    static final String DOUBLED_ZONE = "103";
    static final String MISSING_FEATURE = "available_drivers_lag_1h";
    static final List<String> FEATURES = List.of(
            "hour_of_day",
            "day_of_week",
            "is_weekend",
            "month",
            "lag_1h",
            "lag_24h",
            "lag_168h",
            "mean_24h",
            MISSING_FEATURE,
            "zone_type_code");
    /** Zone-hours the current version did not score: the volume falls short of expected by these. */
    static final List<String> UNSCORED = List.of("101@2026-03-24T05:00:00Z", "101@2026-03-24T06:00:00Z");

    private static final int[] PROFILE = {
        6, 6, 5, 5, 5, 6, 8, 10, 12, 11, 10, 10, 10, 10, 10, 10, 11, 12, 11, 10, 9, 8, 7, 6
    };

    record Prediction(String zone, Instant hour, String version, double value) {}

    final Scenario scenario;

    MonitoringLake(Scenario scenario) {
        this.scenario = scenario;
    }

    static List<String> zones() {
        return List.of("101", "102", "103");
    }

    /** Requests the zone had in the hour; zone 101 never has any at 03:00 (so agg_zone_hour has no row). */
    long demand(String zone, Instant hour) {
        long base = baseDemand(zone, hour);
        boolean doubled =
                scenario == Scenario.ZONE_DEMAND_DOUBLED && zone.equals(DOUBLED_ZONE) && !hour.isBefore(MONITOR_FROM);
        return doubled ? 2 * base : base;
    }

    long baseDemand(String zone, Instant hour) {
        int h = hour.atOffset(ZoneOffset.UTC).getHour();
        if (zone.equals("101") && h == 3) {
            return 0;
        }
        double scale = scenario == Scenario.SMALL_CITY ? 40.0 : 4.0;
        return Math.round(ZONE_BASE.get(zone) * PROFILE[h] * (weekend(hour) ? 0.7 : 1.0) / scale);
    }

    /** Requests of {@link #OPEN_HOUR} up to the watermark: the first third of the hour's. */
    long openHourRequests(String zone) {
        return demand(zone, OPEN_HOUR) / 3;
    }

    Double feature(String zone, Instant hour, String name) {
        Duration h = Duration.ofHours(1);
        return switch (name) {
            case "hour_of_day" -> (double) hour.atOffset(ZoneOffset.UTC).getHour();
            case "day_of_week" ->
                (double) hour.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue();
            case "is_weekend" -> weekend(hour) ? 1.0 : 0.0;
            case "month" -> (double) hour.atOffset(ZoneOffset.UTC).getMonthValue();
            case "lag_1h" -> (double) demand(zone, hour.minus(h));
            case "lag_24h" -> (double) demand(zone, hour.minus(h.multipliedBy(24)));
            case "lag_168h" -> (double) demand(zone, hour.minus(h.multipliedBy(168)));
            case "mean_24h" -> {
                double sum = 0;
                for (int i = 1; i <= 24; i++) {
                    sum += demand(zone, hour.minus(h.multipliedBy(i)));
                }
                yield sum / 24;
            }
            case MISSING_FEATURE ->
                scenario == Scenario.FEATURE_MISSING && !hour.isBefore(MISSING_FROM)
                        ? null
                        : (double) (Math.round(baseDemand(zone, hour.minus(h)) * 0.6) + 2);
            case "zone_type_code" -> (double) zones().indexOf(zone);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Every prediction in the lake: the current version over the monitored week, the previous over its first 3 days.
     */
    List<Prediction> predictions() {
        List<Prediction> list = new ArrayList<>();
        for (Instant t = MONITOR_FROM; t.isBefore(END); t = t.plus(Duration.ofHours(1))) {
            int h = t.atOffset(ZoneOffset.UTC).getHour();
            for (String zone : zones()) {
                // The model learned the weekly pattern, give or take 1.5 requests.
                double current = Math.max(0, baseDemand(zone, t) + ((zones().indexOf(zone) + h) % 3 - 1) * 1.5);
                if (!UNSCORED.contains(zone + "@" + t)) {
                    list.add(new Prediction(zone, t, CURRENT, current));
                }
                if (t.isBefore(PREVIOUS_UNTIL)) {
                    list.add(new Prediction(zone, t, PREVIOUS, baseDemand(zone, t) * 1.2));
                }
            }
        }
        return list;
    }

    /** What the current version forecast for {@link #OPEN_HOUR}, as scoring after the last closed hour does. */
    List<Prediction> openHourPredictions() {
        return zones().stream()
                .map(zone -> new Prediction(zone, OPEN_HOUR, CURRENT, (double) baseDemand(zone, OPEN_HOUR)))
                .toList();
    }

    /**
     * Writes gold tables, model metadata and {@code current} under {@code root}. Tables a scenario shares with
     * {@link Scenario#UNCHANGED} are copied from {@code unchanged} (a lake this class wrote for it) when given: a file
     * copy costs far less than a Spark write.
     */
    void write(SparkSession spark, Path root, Path unchanged) throws IOException {
        String gold = root.resolve("gold").toString();
        boolean samePredictions = unchanged != null && scenario != Scenario.SMALL_CITY;
        boolean sameRequests = unchanged != null && scenario == Scenario.FEATURE_MISSING;
        if (unchanged != null) {
            copy(unchanged.resolve("gold/dim_zone"), root.resolve("gold/dim_zone"));
        } else {
            save(
                    spark,
                    gold + "/dim_zone",
                    new StructType()
                            .add("zone_key", DataTypes.LongType)
                            .add("zone_id", DataTypes.StringType)
                            .add("name", DataTypes.StringType),
                    List.of(
                            RowFactory.create(1L, "UNKNOWN", "Unknown"), RowFactory.create(2L, "101", "Harbor"),
                            RowFactory.create(3L, "102", "Old Town"), RowFactory.create(4L, "103", "Central Station")));
        }
        if (samePredictions) {
            copy(unchanged.resolve("gold/predictions"), root.resolve("gold/predictions"));
            copy(unchanged.resolve("models"), root.resolve("models"));
        } else {
            writePredictions(spark, gold);
            writeModels(root);
        }
        if (sameRequests) {
            copy(unchanged.resolve("gold/agg_zone_hour"), root.resolve("gold/agg_zone_hour"));
            copy(unchanged.resolve("gold/fact_ride"), root.resolve("gold/fact_ride"));
        } else {
            writeRequests(spark, gold);
        }
        writeFeatures(spark, gold);
    }

    /**
     * agg_zone_hour (closed hours and the open hour's partial counts) and fact_ride, thinned to one ride per zone-hour
     * with requests: the monitor reads only its latest request time, the watermark.
     */
    private void writeRequests(SparkSession spark, String gold) {
        List<Row> zoneHours = new ArrayList<>();
        List<Row> rides = new ArrayList<>();
        for (Instant t = TRAIN_FROM; !t.isAfter(OPEN_HOUR); t = t.plus(Duration.ofHours(1))) {
            for (String zone : zones()) {
                long requests = t.equals(OPEN_HOUR) ? openHourRequests(zone) : demand(zone, t);
                if (requests > 0) {
                    zoneHours.add(RowFactory.create(zone, Timestamp.from(t), requests));
                    Instant requestedAt = t.equals(OPEN_HOUR) ? WATERMARK : t.plus(Duration.ofMinutes(5));
                    rides.add(RowFactory.create("ride-" + zone + "-" + t, zone, Timestamp.from(requestedAt)));
                }
            }
        }
        save(
                spark,
                gold + "/agg_zone_hour",
                new StructType()
                        .add("zone_id", DataTypes.StringType)
                        .add("hour_start", DataTypes.TimestampType)
                        .add("requests", DataTypes.LongType),
                zoneHours);
        save(
                spark,
                gold + "/fact_ride",
                new StructType()
                        .add("ride_id", DataTypes.StringType)
                        .add("zone_id", DataTypes.StringType)
                        .add("requested_at", DataTypes.TimestampType),
                rides);
    }

    private void writeFeatures(SparkSession spark, String gold) {
        List<Row> features = new ArrayList<>();
        for (Instant t = TRAIN_FROM; t.isBefore(END); t = t.plus(Duration.ofHours(1))) {
            for (String zone : zones()) {
                long requests = demand(zone, t);
                Object[] values = new Object[4 + FEATURES.size()];
                values[0] = zone;
                values[1] = Timestamp.from(t);
                values[2] = Date.valueOf(LocalDate.ofInstant(t, ZoneOffset.UTC));
                values[3] = (double) requests;
                for (int i = 0; i < FEATURES.size(); i++) {
                    values[4 + i] = feature(zone, t, FEATURES.get(i));
                }
                features.add(RowFactory.create(values));
            }
        }
        StructType featureSchema = new StructType()
                .add("zone_id", DataTypes.StringType)
                .add("hour_start", DataTypes.TimestampType)
                .add("date", DataTypes.DateType)
                .add("requests", DataTypes.DoubleType);
        for (String f : FEATURES) {
            featureSchema = featureSchema.add(f, DataTypes.DoubleType);
        }
        save(spark, gold + "/features_zone_hour", featureSchema, features);
    }

    private void writePredictions(SparkSession spark, String gold) {
        List<Prediction> all = new ArrayList<>(predictions());
        all.addAll(openHourPredictions());
        List<Row> predictions = all.stream()
                .map(p -> RowFactory.create(
                        p.zone(),
                        Timestamp.from(p.hour()),
                        MODEL,
                        p.version(),
                        p.value(),
                        1,
                        "run-" + p.version(),
                        Timestamp.from(p.hour().minusSeconds(3600)),
                        Date.valueOf(LocalDate.ofInstant(p.hour(), ZoneOffset.UTC))))
                .toList();
        save(
                spark,
                gold + "/predictions",
                new StructType()
                        .add("zone_id", DataTypes.StringType)
                        .add("target_hour", DataTypes.TimestampType)
                        .add("model_name", DataTypes.StringType)
                        .add("model_version", DataTypes.StringType)
                        .add("prediction", DataTypes.DoubleType)
                        .add("horizon_hours", DataTypes.IntegerType)
                        .add("run_id", DataTypes.StringType)
                        .add("scored_at", DataTypes.TimestampType)
                        .add("date", DataTypes.DateType),
                predictions);
    }

    private void writeModels(Path root) throws IOException {
        Path models = root.resolve("models").resolve(MODEL);
        for (String version : List.of(PREVIOUS, CURRENT)) {
            Files.createDirectories(models.resolve(version));
            Files.writeString(models.resolve(version).resolve("metadata.json"), metadata(version));
        }
        Files.writeString(models.resolve("current"), CURRENT + "\n");
    }

    /** metadata.json with each feature's deciles over the training weeks, binned as docs/model-format.md says. */
    String metadata(String version) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("name", MODEL);
        root.put("version", version);
        ArrayNode names = root.putArray("features");
        FEATURES.forEach(names::add);
        ObjectNode distributions = root.putObject("reference_distributions");
        for (String f : FEATURES) {
            List<Double> values = new ArrayList<>();
            long missing = 0;
            for (Instant t = TRAIN_FROM; t.isBefore(MONITOR_FROM); t = t.plus(Duration.ofHours(1))) {
                for (String zone : zones()) {
                    Double v = feature(zone, t, f);
                    if (v == null) {
                        missing++;
                    } else {
                        values.add(v);
                    }
                }
            }
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] edges = new double[11];
            for (int k = 0; k < 11; k++) {
                edges[k] = sorted[Math.min(sorted.length - 1, k * sorted.length / 10)];
            }
            edges[10] = sorted[sorted.length - 1];
            long total = values.size() + missing;
            double[] fractions = new double[10];
            for (double v : sorted) {
                fractions[testBin(v, edges)] += 1.0 / total;
            }
            ObjectNode d = distributions.putObject(f);
            ArrayNode e = d.putArray("edges");
            Arrays.stream(edges).forEach(e::add);
            ArrayNode fr = d.putArray("fractions");
            Arrays.stream(fractions).forEach(fr::add);
            d.put("missing_fraction", (double) missing / total);
        }
        root.put("promoted", version.equals(CURRENT));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** The documented binning, written out independently of the job: edges[i] <= x < edges[i+1], last bin closed. */
    static int testBin(double x, double[] edges) {
        int bin = 0;
        for (int i = 1; i < 10; i++) {
            if (x >= edges[i]) {
                bin = i;
            }
        }
        return bin;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static boolean weekend(Instant hour) {
        DayOfWeek d = hour.atOffset(ZoneOffset.UTC).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private static void save(SparkSession spark, String path, StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema)
                .coalesce(1)
                .write()
                .format("delta")
                .mode("overwrite")
                .save(path);
    }
}
