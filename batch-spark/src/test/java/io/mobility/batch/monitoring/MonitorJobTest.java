package io.mobility.batch.monitoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.fixture.TestSpark;
import io.mobility.batch.lake.DeltaPaths;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.monitoring.MonitoringLake.Scenario;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code batch monitor} on fixture lakes (see {@link MonitoringLake}): one per scenario, each monitored once in
 * {@link #monitorEveryScenario()}, the unchanged one a second time to check the rerun. Every lake's last hour is
 * still open (partial counts), as a live lake's is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorJobTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 23);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 29);
    private final SparkSession spark = TestSpark.session();
    private final Map<Scenario, Path> lakes = new EnumMap<>(Scenario.class);
    private List<Row> metricsAfterFirstRun;
    private List<Row> driftAfterFirstRun;
    private long metricsVersionAfterFirstRun;

    @BeforeAll
    void monitorEveryScenario() throws Exception {
        for (Scenario scenario : Scenario.values()) {
            Path root = TestSpark.newLake("monitor-" + scenario.name().toLowerCase());
            new MonitoringLake(scenario).write(spark, root, lakes.get(Scenario.UNCHANGED));
            lakes.put(scenario, root);
            monitor(root);
        }
        metricsAfterFirstRun = table(Scenario.UNCHANGED, MonitoringTables.METRICS);
        driftAfterFirstRun = table(Scenario.UNCHANGED, MonitoringTables.DRIFT);
        metricsVersionAfterFirstRun = deltaVersion(Scenario.UNCHANGED, MonitoringTables.METRICS);
        monitor(lakes.get(Scenario.UNCHANGED));
    }

    @Test
    void anUnchangedDistributionIsStableAndNotFlagged() {
        List<Row> drift = table(Scenario.UNCHANGED, MonitoringTables.DRIFT);
        // 2 versions: the current over 7 days, the previous over 3; every feature has a reference.
        assertThat(drift).hasSize((7 + 3) * MonitoringLake.FEATURES.size());
        assertThat(drift).allSatisfy(r -> {
            assertThat(r.<String>getAs("band"))
                    .as("band of %s on %s", r.<String>getAs("feature"), r.getAs("date"))
                    .isEqualTo("stable");
            assertThat(r.<Double>getAs("psi")).isLessThan(1e-9);
            assertThat(r.<Boolean>getAs("missing_shift_flagged")).isFalse();
        });
        assertThat(table(Scenario.UNCHANGED, MonitoringTables.METRICS))
                .allSatisfy(r -> assertThat(r.<Boolean>getAs("drift_flag")).isFalse());
    }

    @Test
    void aZoneWhoseDemandDoubledIsMajorDriftOfTheLagFeaturesAndWorseErrors() {
        Map<String, Row> lastDay = driftOn(Scenario.ZONE_DEMAND_DOUBLED, MonitoringLake.CURRENT, LAST_DAY);
        assertThat(lastDay.get("lag_1h").<String>getAs("band")).isEqualTo("major");
        assertThat(lastDay.get("lag_24h").<String>getAs("band")).isEqualTo("major");
        assertThat(lastDay.get("mean_24h").<String>getAs("band")).isEqualTo("major");
        // Supply and calendar features did not change.
        assertThat(lastDay.get(MonitoringLake.MISSING_FEATURE).<String>getAs("band"))
                .isEqualTo("stable");
        assertThat(lastDay.get("hour_of_day").<String>getAs("band")).isEqualTo("stable");
        assertThat(metricsRow(Scenario.ZONE_DEMAND_DOUBLED, MonitoringLake.CURRENT, LAST_DAY)
                        .<Boolean>getAs("drift_flag"))
                .isTrue();

        Row doubled = metricsRow(Scenario.ZONE_DEMAND_DOUBLED, MonitoringLake.CURRENT, LAST_DAY);
        Row unchanged = metricsRow(Scenario.UNCHANGED, MonitoringLake.CURRENT, LAST_DAY);
        assertThat(doubled.<Double>getAs("mae")).isGreaterThan(2 * unchanged.<Double>getAs("mae"));
        assertThat(doubled.<Double>getAs("wape")).isGreaterThan(unchanged.<Double>getAs("wape"));

        JsonNode demand = snapshot(Scenario.ZONE_DEMAND_DOUBLED).path("models").path("demand");
        assertThat(demand.path("drift").path("flag").asBoolean()).isTrue();
        assertThat(demand.path("drift")
                        .path("features")
                        .path("lag_1h")
                        .path("band")
                        .asText())
                .isEqualTo("major");
    }

    @Test
    void aFeatureGoingMissingIsAFlaggedMissingRateShiftFromTheDayItStarts() {
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
            Row feature = driftOn(Scenario.FEATURE_MISSING, MonitoringLake.CURRENT, day)
                    .get(MonitoringLake.MISSING_FEATURE);
            // The day's drift window is the 168 hours up to its end: from Mar 27 on, 24 h more each day are missing.
            long missingHours = Math.max(
                    0, 24L * (day.toEpochDay() - LocalDate.of(2026, 3, 27).toEpochDay() + 1));
            assertThat(feature.<Double>getAs("missing_rate_current"))
                    .as("missing rate on %s", day)
                    .isCloseTo(missingHours / 168.0, within(1e-12));
            assertThat(feature.<Double>getAs("missing_rate_shift")).isCloseTo(missingHours / 168.0, within(1e-12));
            assertThat(feature.<Boolean>getAs("missing_shift_flagged"))
                    .as("flagged on %s", day)
                    .isEqualTo(missingHours > 0);
            assertThat(metricsRow(Scenario.FEATURE_MISSING, MonitoringLake.CURRENT, day)
                            .<Boolean>getAs("drift_flag"))
                    .as("drift flag on %s", day)
                    .isEqualTo(missingHours > 0);
        }
        JsonNode feature = snapshot(Scenario.FEATURE_MISSING)
                .path("models")
                .path("demand")
                .path("drift")
                .path("features")
                .path(MonitoringLake.MISSING_FEATURE);
        assertThat(feature.path("missing_rate_shift").asDouble()).isCloseTo(72 / 168.0, within(1e-6));
        assertThat(feature.path("band").asText()).isEqualTo("major");
    }

    @Test
    void metricsEqualAPlainJavaComputationOnTheFixture() {
        MonitoringLake lake = new MonitoringLake(Scenario.ZONE_DEMAND_DOUBLED);
        Map<String, List<double[]>> pairs = new TreeMap<>();
        for (MonitoringLake.Prediction p : lake.predictions()) {
            pairs.computeIfAbsent(
                            p.version() + " " + LocalDate.ofInstant(p.hour(), ZoneOffset.UTC), k -> new ArrayList<>())
                    .add(new double[] {p.value(), lake.demand(p.zone(), p.hour())});
        }
        List<Row> metrics = table(Scenario.ZONE_DEMAND_DOUBLED, MonitoringTables.METRICS);
        assertThat(metrics).hasSize(pairs.size()).hasSize(7 + 3);
        for (Row r : metrics) {
            List<double[]> pa = pairs.get(r.getAs("model_version") + " " + r.getAs("date"));
            double abs = 0, sq = 0, actual = 0, ape = 0;
            int mapeRows = 0;
            for (double[] x : pa) {
                abs += Math.abs(x[0] - x[1]);
                sq += (x[0] - x[1]) * (x[0] - x[1]);
                actual += x[1];
                if (x[1] >= 10) {
                    ape += Math.abs(x[0] - x[1]) / x[1];
                    mapeRows++;
                }
            }
            assertThat(r.<Long>getAs("rows")).isEqualTo(pa.size());
            assertThat(r.<Long>getAs("predictions")).isEqualTo(pa.size());
            assertThat(r.<Long>getAs("expected_predictions")).isEqualTo(3 * 24);
            assertThat(r.<Double>getAs("mae")).isCloseTo(abs / pa.size(), within(1e-9));
            assertThat(r.<Double>getAs("rmse")).isCloseTo(Math.sqrt(sq / pa.size()), within(1e-9));
            assertThat(r.<Double>getAs("wape")).isCloseTo(abs / actual, within(1e-9));
            assertThat(r.<Long>getAs("mape_rows")).isEqualTo(mapeRows);
            assertThat(r.<Double>getAs("mape")).isCloseTo(ape / mapeRows, within(1e-9));
        }
        assertThat(metricsRow(Scenario.ZONE_DEMAND_DOUBLED, MonitoringLake.CURRENT, LocalDate.of(2026, 3, 24))
                        .<Long>getAs("predictions"))
                .as("two zone-hours unscored")
                .isEqualTo(70);
    }

    @Test
    void aRerunLeavesBothTablesUnchanged() {
        assertThat(table(Scenario.UNCHANGED, MonitoringTables.METRICS)).containsExactlyElementsOf(metricsAfterFirstRun);
        assertThat(table(Scenario.UNCHANGED, MonitoringTables.DRIFT)).containsExactlyElementsOf(driftAfterFirstRun);
        assertThat(deltaVersion(Scenario.UNCHANGED, MonitoringTables.METRICS))
                .as("no new commit")
                .isEqualTo(metricsVersionAfterFirstRun);
    }

    @Test
    void theHourTheWatermarkFallsInIsStillOpenAndNotMonitored() {
        // The lake has that hour: its partial counts in agg_zone_hour and the current version's forecast of it.
        Timestamp open = Timestamp.from(MonitoringLake.OPEN_HOUR);
        assertThat(gold(Scenario.UNCHANGED, "agg_zone_hour")
                        .where(col("hour_start").equalTo(open))
                        .count())
                .isEqualTo(3);
        assertThat(gold(Scenario.UNCHANGED, MonitorJob.PREDICTIONS)
                        .where(col("target_hour").equalTo(open))
                        .count())
                .isEqualTo(3);

        assertThat(table(Scenario.UNCHANGED, MonitoringTables.METRICS))
                .extracting(r -> r.getAs("date").toString())
                .doesNotContain("2026-03-30")
                .contains("2026-03-29");
        assertThat(table(Scenario.UNCHANGED, MonitoringTables.DRIFT))
                .extracting(r -> r.getAs("date").toString())
                .doesNotContain("2026-03-30");
        JsonNode demand = snapshot(Scenario.UNCHANGED).path("models").path("demand");
        assertThat(demand.path("window").path("to").asText()).isEqualTo("2026-03-30T00:00:00Z");
        JsonNode points = demand.path("forecast_vs_actual");
        assertThat(points.get(points.size() - 1).path("hour").asText()).isEqualTo("2026-03-29T23:00:00Z");
    }

    @Test
    void asOfEndsTheWindowAtItsHourButNeverAfterTheLastClosedHourOrTheAggregates() {
        Lake lake = Lake.at(lakes.get(Scenario.UNCHANGED).toString());
        Dataset<Row> zoneHours = gold(Scenario.UNCHANGED, "agg_zone_hour");
        assertThat(end(lake, zoneHours)).isEqualTo(MonitoringLake.END);
        assertThat(end(lake, zoneHours, "--as-of", "2026-03-29T12:30:00Z"))
                .isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(end(lake, zoneHours, "--as-of", "2026-04-02T00:00:00Z"))
                .as("cut to the watermark")
                .isEqualTo(MonitoringLake.END);
        // Aggregates behind gold: the hours they have not counted yet are not read as hours without requests.
        Instant aggregatedUntil = Instant.parse("2026-03-28T06:00:00Z");
        assertThat(end(lake, zoneHours.where(col("hour_start").lt(Timestamp.from(aggregatedUntil)))))
                .isEqualTo(aggregatedUntil);
        assertThatThrownBy(() -> end(lake, zoneHours, "--as-of", "yesterday"))
                .hasMessageContaining("--as-of")
                .hasMessageContaining("yesterday");
    }

    @Test
    void aCityThatNeverReachesTenRequestsAnHourHasNoMapeButEveryOtherMetric() {
        long busiest = gold(Scenario.SMALL_CITY, "agg_zone_hour")
                .agg(max("requests"))
                .first()
                .getLong(0);
        assertThat(busiest).as("the busiest zone-hour's requests").isBetween(1L, 9L);

        List<Row> metrics = table(Scenario.SMALL_CITY, MonitoringTables.METRICS);
        assertThat(metrics).hasSize(7 + 3).allSatisfy(r -> {
            String day = r.getAs("model_version") + " " + r.getAs("date");
            assertThat(r.isNullAt(r.fieldIndex("mape")))
                    .as("mape of %s is null (not 0, not NaN): %s", day, r)
                    .isTrue();
            assertThat(r.<Long>getAs("mape_rows")).as(day).isZero();
            assertThat(r.<Double>getAs("mae")).as(day).isPositive();
            assertThat(r.<Double>getAs("rmse")).as(day).isPositive();
            assertThat(r.<Double>getAs("wape")).as(day).isPositive();
        });
        JsonNode snapshotMetrics =
                snapshot(Scenario.SMALL_CITY).path("models").path("demand").path("metrics");
        assertThat(snapshotMetrics.has("mape")).isTrue();
        assertThat(snapshotMetrics.get("mape").isNull())
                .as("latest.json mape: %s", snapshotMetrics)
                .isTrue();
        for (String metric : List.of("mae", "rmse", "wape")) {
            assertThat(snapshotMetrics.path(metric).isNumber()).as(metric).isTrue();
        }
        assertThat(lakes.get(Scenario.SMALL_CITY).resolve("monitoring/charts/forecast_vs_actual_demand.png"))
                .exists();
    }

    private Instant end(Lake lake, Dataset<Row> zoneHours, String... options) {
        return MonitorJob.end(spark, lake, zoneHours, BatchOptions.parse(List.of(options)));
    }

    private Dataset<Row> gold(Scenario scenario, String table) {
        return spark.read()
                .format("delta")
                .load(lakes.get(scenario).resolve("gold").resolve(table).toString());
    }

    private long deltaVersion(Scenario scenario, String table) {
        return DeltaPaths.currentVersion(
                spark, lakes.get(scenario).resolve("gold").resolve(table).toString());
    }

    @Test
    void latestJsonHasTheDocumentedFields() {
        JsonNode root = snapshot(Scenario.UNCHANGED);
        assertThat(Instant.parse(root.path("generated_at").asText())).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
        JsonNode demand = root.path("models").path("demand");
        assertThat(demand.path("version").asText()).isEqualTo(MonitoringLake.CURRENT);
        assertThat(demand.path("window").path("from").asText()).isEqualTo("2026-03-23T00:00:00Z");
        assertThat(demand.path("window").path("to").asText()).isEqualTo("2026-03-30T00:00:00Z");
        for (String metric : List.of("mae", "rmse", "mape", "wape")) {
            assertThat(demand.path("metrics").path(metric).isNumber())
                    .as(metric)
                    .isTrue();
        }
        assertThat(demand.path("metrics").path("rows").asLong()).isEqualTo(7 * 72 - 2);
        assertThat(demand.path("volume").path("predictions").asLong()).isEqualTo(7 * 72 - 2);
        assertThat(demand.path("volume").path("expected").asLong()).isEqualTo(7 * 72);
        assertThat(demand.path("drift").path("flag").isBoolean()).isTrue();
        JsonNode features = demand.path("drift").path("features");
        assertThat(features.size()).isEqualTo(MonitoringLake.FEATURES.size());
        assertThat(features.path("lag_1h").path("psi").isNumber()).isTrue();
        assertThat(features.path("lag_1h").path("band").asText()).isEqualTo("stable");
        assertThat(features.path("lag_1h").path("missing_rate_shift").isNumber())
                .isTrue();
        JsonNode points = demand.path("forecast_vs_actual");
        assertThat(points.size()).isEqualTo(72);
        assertThat(points.get(0).path("hour").asText()).isEqualTo("2026-03-27T00:00:00Z");
        assertThat(points.get(71).path("hour").asText()).isEqualTo("2026-03-29T23:00:00Z");
        Instant last = Instant.parse("2026-03-29T23:00:00Z");
        MonitoringLake lake = new MonitoringLake(Scenario.UNCHANGED);
        double actual = MonitoringLake.zones().stream()
                .mapToLong(z -> lake.demand(z, last))
                .sum();
        assertThat(points.get(71).path("actual").asDouble()).isEqualTo(actual);
    }

    @Test
    void bothChartsArePngsWithContent() throws Exception {
        Path charts =
                lakes.get(Scenario.ZONE_DEMAND_DOUBLED).resolve("monitoring").resolve("charts");
        for (String name : List.of("forecast_vs_actual_demand.png", "psi_demand.png")) {
            BufferedImage image = ImageIO.read(charts.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(600);
            assertThat(distinctColours(image)).as("colours in %s", name).isGreaterThan(20);
        }
        BufferedImage psi = ImageIO.read(charts.resolve("psi_demand.png").toFile());
        assertThat(containsColour(psi, 0xC62828)).as("a red (major) bar").isTrue();
        BufferedImage forecast =
                ImageIO.read(charts.resolve("forecast_vs_actual_demand.png").toFile());
        assertThat(containsColour(forecast, 0x1F4E9A)).as("the actual line").isTrue();
        assertThat(containsColour(forecast, 0xE06C00)).as("the predicted line").isTrue();
    }

    private void monitor(Path root) {
        new MonitorJob().run(spark, Lake.at(root.toString()), BatchOptions.parse(List.of()));
    }

    private List<Row> table(Scenario scenario, String table) {
        return spark
                .read()
                .format("delta")
                .load(lakes.get(scenario).resolve("gold").resolve(table).toString())
                .orderBy("model_version", "date")
                .collectAsList()
                .stream()
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .toList();
    }

    private Map<String, Row> driftOn(Scenario scenario, String version, LocalDate day) {
        Map<String, Row> byFeature = new TreeMap<>();
        for (Row r : table(scenario, MonitoringTables.DRIFT)) {
            if (r.getAs("model_version").equals(version)
                    && r.getAs("date").toString().equals(day.toString())) {
                byFeature.put(r.getAs("feature"), r);
            }
        }
        assertThat(byFeature).as("drift rows of %s on %s", version, day).hasSize(MonitoringLake.FEATURES.size());
        return byFeature;
    }

    private Row metricsRow(Scenario scenario, String version, LocalDate day) {
        return table(scenario, MonitoringTables.METRICS).stream()
                .filter(r -> r.getAs("model_version").equals(version)
                        && r.getAs("date").toString().equals(day.toString()))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode snapshot(Scenario scenario) {
        try {
            return new ObjectMapper()
                    .readTree(Files.readString(
                            lakes.get(scenario).resolve("monitoring").resolve("latest.json")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
