package io.mobility.batch.quality;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.fixture.RideSpec;
import io.mobility.batch.fixture.SilverWriter;
import io.mobility.batch.fixture.SmallCity;
import io.mobility.batch.fixture.TestSpark;
import io.mobility.batch.gold.GoldJob;
import io.mobility.batch.lake.Lake;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The gate between staging and publishing: a broken silver input stops the run before any gold write. */
class QualityGateTest {

    @Test
    void aNegativeFareStopsPublicationAndIsRecorded() {
        SparkSession spark = TestSpark.session();
        Lake lake = Lake.at(TestSpark.newLake("quality").toString());
        SilverWriter silver = new SilverWriter(spark, lake);
        Instant d0 = Instant.parse("2025-03-01T00:00:00Z");
        silver.zone("Z1", "Downtown", "Manhattan", "BUSINESS", d0);
        silver.rides(SmallCity.RIDES.subList(0, 3));

        RideSpec good = SmallCity.LATE_RIDE;
        BigDecimal[] parts = good.fareParts().clone();
        parts[5] = new BigDecimal("-25.00");
        RideSpec negativeTip = new RideSpec(
                "RD-BROKEN",
                good.riderId(),
                good.driverId(),
                good.pickupZone(),
                good.dropoffZone(),
                good.requestedAt(),
                good.outcome(),
                good.waitSeconds(),
                good.tripSeconds(),
                good.distanceKm(),
                parts,
                good.surge(),
                good.paymentMethod(),
                good.vehicleType());
        silver.rides(List.of(negativeTip));

        assertThatThrownBy(() -> new GoldJob().run(spark, lake, BatchOptions.defaults()))
                .isInstanceOf(QualityGateException.class)
                .hasMessageContaining("non_negative_measures")
                .hasMessageContaining("fact_ride")
                .hasMessageContaining("1 of 4 rows");

        // Nothing was published: no dimension, no fact, no recorded progress.
        for (String table : List.of("fact_ride", "dim_zone", "dim_driver", "dim_date")) {
            assertThat(DeltaTable.isDeltaTable(spark, lake.gold(table)))
                    .as(table)
                    .isFalse();
        }
        assertThat(DeltaTable.isDeltaTable(spark, lake.state("table_versions"))).isFalse();
        List<Row> failed = spark.read()
                .format("delta")
                .load(lake.gold("quality_checks"))
                .where(col("passed").equalTo(false))
                .collectAsList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).<String>getAs("check_name")).isEqualTo("non_negative_measures");
        assertThat(failed.get(0).<Long>getAs("failed_rows")).isEqualTo(1L);
    }
}
