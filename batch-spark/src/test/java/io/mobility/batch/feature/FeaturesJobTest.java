package io.mobility.batch.feature;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.aggregate.AggregateTables;
import io.mobility.batch.fixture.TestSpark;
import io.mobility.batch.gold.GoldTables;
import io.mobility.batch.lake.Lake;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The features job while a live feed is still filling the current hour: the hour the data's watermark falls in is
 * not observed, so the snapshot forecasts that hour from the closed ones.
 */
class FeaturesJobTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark = TestSpark.session();

    @Test
    void thePartialHourOfTheWatermarkIsNotObservedAndTheSnapshotForecastsIt() throws Exception {
        // hours 00:00 .. 10:00 aggregated; the latest request came at 10:37, so 10:00 is still open
        Lake lake = lake(Instant.parse("2026-03-02T10:37:12Z"));

        new FeaturesJob().run(spark, lake, BatchOptions.parse(List.of("--lake", lake.root())));

        List<Row> a = spark.read()
                .format("delta")
                .load(lake.gold(FeaturesJob.TABLE))
                .where(col("zone_id").equalTo("A"))
                .orderBy("hour_start")
                .collectAsList();
        assertThat(a).hasSize(11); // 00:00 .. 09:00 observed, 10:00 the hour to forecast
        assertThat(a.get(9).<Timestamp>getAs("hour_start").toInstant()).isEqualTo(hour(9));
        assertThat((Double) a.get(9).getAs("requests")).isEqualTo(10.0);
        assertThat(a.get(10).<Timestamp>getAs("hour_start").toInstant()).isEqualTo(hour(10));
        assertThat((Object) a.get(10).getAs("requests"))
                .as("the open hour's partial count is not a target")
                .isNull();
        assertThat((Double) a.get(10).getAs("lag_1h")).isEqualTo(10.0);

        JsonNode snapshot =
                JSON.readTree(FeatureSnapshotWriter.path(lake.root()).toFile());
        assertThat(snapshot.get("as_of_hour").asText()).isEqualTo(hour(9).toString());
        assertThat(snapshot.get("for_hour").asText()).isEqualTo(hour(10).toString());
        int lag1 = DemandFeatures.NAMES.indexOf("lag_1h");
        assertThat(snapshot.at("/zones/A/values/" + lag1).asDouble())
                .as("lag_1h of zone A")
                .isEqualTo(10.0);
        assertThat(snapshot.at("/zones/B/values/" + lag1).asDouble())
                .as("lag_1h of zone B")
                .isEqualTo(20.0);
    }

    @Test
    void asOfMovesTheLastClosedHourBackButNotPastTheWatermark() {
        Lake lake = lake(Instant.parse("2026-03-02T10:37:12Z"));

        assertThat(lastObserved(lake, "2026-03-02T08:30:00Z")).isEqualTo(hour(7));
        assertThat(lastObserved(lake, "2026-03-02T08:00:00Z"))
                .as("08:00 has not ended at 08:00")
                .isEqualTo(hour(7));
        assertThat(lastObserved(lake, "2026-03-03T00:00:00Z"))
                .as("later than the data")
                .isEqualTo(hour(9));
        assertThat(ClosedHours.lastClosed(Instant.parse("2026-03-02T10:00:00Z")))
                .as("an hour ends at the next one's start")
                .isEqualTo(hour(9));
        assertThatThrownBy(
                        () -> ClosedHours.lastClosed(spark, lake, BatchOptions.parse(List.of("--as-of", "yesterday"))))
                .hasMessageContaining("--as-of")
                .hasMessageContaining("yesterday");
    }

    private Instant lastObserved(Lake lake, String asOf) {
        Instant lastClosed = ClosedHours.lastClosed(spark, lake, BatchOptions.parse(List.of("--as-of", asOf)));
        return FeaturesJob.compute(spark, lake, null, lastClosed).lastObserved();
    }

    /**
     * Two zones; zone A had h + 1 requests in hour h, zone B twice that; the last hour (10:00) holds one early ride.
     */
    private Lake lake(Instant watermark) {
        Lake lake = Lake.at(TestSpark.newLake("features").toString());
        spark.createDataFrame(
                        List.of(
                                RowFactory.create("A", "Alpha", "BUSINESS"),
                                RowFactory.create("B", "Beta", "AIRPORT"),
                                RowFactory.create("UNKNOWN", "Unknown", "UNKNOWN")),
                        new StructType()
                                .add("zone_id", DataTypes.StringType)
                                .add("name", DataTypes.StringType)
                                .add("zone_type", DataTypes.StringType))
                .write()
                .format("delta")
                .save(lake.gold(GoldTables.DIM_ZONE));
        List<Row> agg = new ArrayList<>();
        for (int h = 0; h <= 10; h++) {
            long requests = h == 10 ? 1 : h + 1;
            agg.add(RowFactory.create("A", Timestamp.from(hour(h)), requests, 5L));
            agg.add(RowFactory.create("B", Timestamp.from(hour(h)), h == 10 ? 1 : 2 * requests, 5L));
        }
        spark.createDataFrame(
                        agg,
                        new StructType()
                                .add("zone_id", DataTypes.StringType)
                                .add("hour_start", DataTypes.TimestampType)
                                .add("requests", DataTypes.LongType)
                                .add("available_drivers", DataTypes.LongType))
                .write()
                .format("delta")
                .save(lake.gold(AggregateTables.ZONE_HOUR));
        Timestamp none = null;
        spark.createDataFrame(
                        List.of(
                                // completed after the last request: a completion closes no hour, requests do
                                RowFactory.create(
                                        "r1",
                                        Timestamp.from(hour(9)),
                                        Timestamp.from(hour(9).plusSeconds(60)),
                                        Timestamp.from(hour(11).plusSeconds(900)),
                                        none),
                                RowFactory.create("r2", Timestamp.from(watermark), none, none, none)),
                        new StructType()
                                .add("ride_id", DataTypes.StringType)
                                .add("requested_at", DataTypes.TimestampType)
                                .add("assigned_at", DataTypes.TimestampType)
                                .add("completed_at", DataTypes.TimestampType)
                                .add("cancelled_at", DataTypes.TimestampType))
                .write()
                .format("delta")
                .save(lake.gold(GoldTables.FACT_RIDE));
        return lake;
    }

    private static Instant hour(int h) {
        return DAY.plusSeconds(3600L * h);
    }
}
