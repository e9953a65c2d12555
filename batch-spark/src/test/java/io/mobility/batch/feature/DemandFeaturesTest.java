package io.mobility.batch.feature;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.batch.fixture.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The demand features on a hand-made grid: their values, and that nothing at or after an hour leaks into it. */
class DemandFeaturesTest {

    private static final Instant START = Instant.parse("2026-06-29T00:00:00Z"); // a Monday
    private static final int HOURS = 24 * 9;
    /** The grid DemandFeatures reads (ZoneHourGrid's columns that matter to it); ZoneHourSeriesTest uses it too. */
    static final StructType GRID = new StructType()
            .add("zone_id", DataTypes.StringType)
            .add("zone_type", DataTypes.StringType)
            .add("hour_start", DataTypes.TimestampType)
            .add("requests", DataTypes.DoubleType)
            .add("available_drivers", DataTypes.DoubleType);

    private final SparkSession spark = TestSpark.session();

    @Test
    void changingDataAtOrAfterAnHourChangesNoFeatureOfThatHourOrEarlier() {
        int t = 24 * 8 + 5;
        Map<String, List<Object>> before = features(grid(h -> h % 7 + h / 24, h -> 10 + h % 3));
        Map<String, List<Object>> after =
                features(grid(h -> h >= t ? 1000 + h : h % 7 + h / 24, h -> h >= t ? 500 : 10 + h % 3));

        for (String key : before.keySet()) {
            int hour = Integer.parseInt(key.substring(key.indexOf('@') + 1));
            if (hour <= t) {
                assertThat(after.get(key)).as("features of %s", key).isEqualTo(before.get(key));
            }
        }
        // and the change is visible from the next hour on, so the comparison above could fail
        assertThat(after.get("A@" + (t + 1))).isNotEqualTo(before.get("A@" + (t + 1)));
        assertThat(DemandFeatures.NAMES).doesNotContain("requests", "requests_next_hour");
    }

    @Test
    void lagsMeansAndCalendarHaveTheirDocumentedValues() {
        Dataset<Row> f = DemandFeatures.compute(spark.createDataFrame(rows(h -> h, h -> 2 * h), GRID));
        Row row = f.where(col("zone_id").equalTo("A").and(col("hour_start").equalTo(ts(200))))
                .first();
        assertThat((Double) row.getAs("lag_1h")).isEqualTo(199.0);
        assertThat((Double) row.getAs("lag_2h")).isEqualTo(198.0);
        assertThat((Double) row.getAs("lag_24h")).isEqualTo(176.0);
        assertThat((Double) row.getAs("lag_168h")).isEqualTo(32.0);
        assertThat((Double) row.getAs("mean_3h")).isEqualTo(198.0);
        assertThat((Double) row.getAs("mean_24h")).isEqualTo(187.5);
        assertThat((Double) row.getAs("mean_168h")).isEqualTo(115.5);
        assertThat((Double) row.getAs("mean_same_hour_7d")).isEqualTo(104.0); // hours 176, 152, ..., 32
        // last 3 hours (197..199, mean 198) over the same 3 hours of the 7 previous days (mean 198 - 96 = 102)
        assertThat((Double) row.getAs("level_ratio_3h")).isEqualTo(198.0 / 102.0);
        assertThat((Double) row.getAs("profile_forecast")).isEqualTo(104.0 * (198.0 / 102.0));
        assertThat((Double) row.getAs("available_drivers_lag_1h")).isEqualTo(398.0);
        assertThat((Double) row.getAs("demand_supply_ratio_lag_1h")).isEqualTo(0.5);
        // hour 200 = Monday + 8 days 8 hours = Tuesday 2026-07-07 08:00 UTC
        assertThat((Double) row.getAs("hour_of_day")).isEqualTo(8.0);
        assertThat((Double) row.getAs("day_of_week")).isEqualTo(2.0);
        assertThat((Double) row.getAs("is_weekend")).isEqualTo(0.0);
        assertThat((Double) row.getAs("month")).isEqualTo(7.0);
        assertThat((Double) row.getAs("zone_type_code")).isEqualTo(1.0); // BUSINESS
        Row independenceDay = f.where(
                        col("zone_id").equalTo("A").and(col("hour_start").equalTo(ts(24 * 5 + 3))))
                .first();
        assertThat((Double) independenceDay.getAs("is_holiday")).isEqualTo(1.0);
        assertThat((Double) independenceDay.getAs("is_weekend")).isEqualTo(1.0); // 2026-07-04 is a Saturday
        // too early for a full week of history: missing, not a partial mean
        Row early = f.where(col("zone_id").equalTo("A").and(col("hour_start").equalTo(ts(100))))
                .first();
        assertThat((Object) early.getAs("lag_168h")).isNull();
        assertThat((Object) early.getAs("mean_168h")).isNull();
    }

    private Map<String, List<Object>> features(List<Row> rows) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (Row r : DemandFeatures.compute(spark.createDataFrame(rows, GRID)).collectAsList()) {
            int hour = (int)
                    ((r.<Timestamp>getAs("hour_start").toInstant().getEpochSecond() - START.getEpochSecond()) / 3600);
            List<Object> values = new ArrayList<>();
            DemandFeatures.NAMES.forEach(n -> values.add(r.getAs(n)));
            out.put(r.getAs("zone_id") + "@" + hour, values);
        }
        return out;
    }

    private static List<Row> grid(IntToDoubleFunction requests, IntToDoubleFunction drivers) {
        return rows(requests, drivers);
    }

    private static List<Row> rows(IntToDoubleFunction requests, IntToDoubleFunction drivers) {
        List<Row> rows = new ArrayList<>();
        for (String zone : List.of("A", "B")) {
            for (int h = 0; h < HOURS; h++) {
                double shift = zone.equals("B") ? 3 : 0;
                rows.add(RowFactory.create(
                        zone,
                        zone.equals("A") ? "BUSINESS" : "AIRPORT",
                        ts(h),
                        requests.applyAsDouble(h) + shift,
                        drivers.applyAsDouble(h)));
            }
        }
        return rows;
    }

    private static Timestamp ts(int hour) {
        return Timestamp.from(START.plusSeconds(3600L * hour));
    }
}
