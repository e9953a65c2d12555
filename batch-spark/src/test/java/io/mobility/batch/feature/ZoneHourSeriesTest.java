package io.mobility.batch.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.batch.fixture.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The plain-Java features equal Spark's {@link DemandFeatures} on every row of a grid with gaps and unknowns. */
class ZoneHourSeriesTest {

    private static final Instant START = Instant.parse("2026-06-27T00:00:00Z"); // spans Independence Day
    private static final int HOURS = 24 * 10;

    @Test
    void everyFeatureOfEveryRowEqualsSparks() {
        List<Row> grid = new ArrayList<>();
        Map<String, ZoneHourSeries> series = new HashMap<>();
        java.util.Random random = new java.util.Random(3);
        for (String zone : List.of("A", "B", "C")) {
            String type = switch (zone) {
                case "A" -> "BUSINESS";
                case "B" -> "AIRPORT";
                default -> "NOT_A_TYPE";
            };
            ZoneHourSeries s = new ZoneHourSeries(type);
            series.put(zone, s);
            for (int h = 0; h < HOURS; h++) {
                if (zone.equals("B") && h == 150) {
                    continue; // a hole in the grid: lags and means across it are missing
                }
                // fractional values make the sums' order matter; zone C has unknown hours and supply below 1
                Double requests = zone.equals("C") && h % 37 == 0 ? null : random.nextInt(40) + random.nextDouble();
                Double drivers = zone.equals("C") ? random.nextDouble() : (double) random.nextInt(30);
                Timestamp ts = Timestamp.from(START.plusSeconds(3600L * h));
                grid.add(RowFactory.create(zone, type, ts, requests, drivers));
                s.put(ZoneHourSeries.epochHour(ts.toInstant()), requests, drivers);
            }
        }
        List<Row> spark = DemandFeatures.compute(TestSpark.session().createDataFrame(grid, DemandFeaturesTest.GRID))
                .collectAsList();

        assertThat(spark).hasSize(grid.size());
        int present = 0;
        for (Row row : spark) {
            long hour =
                    ZoneHourSeries.epochHour(row.<Timestamp>getAs("hour_start").toInstant());
            double[] java = series.get(row.<String>getAs("zone_id")).features(hour, DemandFeatures.NAMES);
            for (int i = 0; i < DemandFeatures.NAMES.size(); i++) {
                String name = DemandFeatures.NAMES.get(i);
                Double expected = row.getAs(name);
                String at = row.getAs("zone_id") + " " + row.getAs("hour_start") + " " + name;
                if (expected == null) {
                    assertThat(java[i]).as(at).isNaN();
                } else {
                    present++;
                    assertThat(java[i]).as(at).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        // the comparison covered real values of every feature, the long look-backs included
        assertThat(present).isGreaterThan(spark.size() * DemandFeatures.NAMES.size() / 2);
    }

    @Test
    void anUnknownFeatureNameIsRefusedByName() {
        ZoneHourSeries s = new ZoneHourSeries("BUSINESS");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.features(100, List.of("lag_1h", "temperature")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'temperature'");
    }
}
