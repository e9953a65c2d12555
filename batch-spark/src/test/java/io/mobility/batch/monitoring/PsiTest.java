package io.mobility.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mobility.batch.fixture.TestSpark;
import io.mobility.lake.ReferenceDistribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** PSI of a known distribution, binned by Spark as the job bins features_zone_hour. */
class PsiTest {

    private static final double[] EDGES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    /** 10% in each of bins 0..8, none in bin 9, 10% missing. */
    private static final double[] FRACTIONS = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.0};

    @Test
    void psiOfAKnownDistributionEqualsTheHandComputedValue() {
        ReferenceDistribution reference = ReferenceDistribution.fromMetadata("test", EDGES, FRACTIONS, 0.1);
        // -5 below the first edge -> bin 0; 0.5 -> bin 0; 1 (on an edge) -> bin 1; 2.5 -> bin 2; 3 -> bin 3;
        // 9.5 -> bin 9; 10 (the last edge, closed) -> bin 9; 25 above the last edge -> bin 9; null and NaN -> missing.
        BinCounts counts = binned(reference, -5.0, 0.5, 1.0, 2.5, 3.0, 9.5, 10.0, 25.0, null, Double.NaN);
        assertThat(counts.bin(0)).isEqualTo(2);
        assertThat(counts.bin(9)).isEqualTo(3);
        assertThat(counts.missing()).isEqualTo(2);

        // current shares: bin0 0.2, bins 1-3 0.1, bins 4-8 0 (-> epsilon), bin9 0.3, missing 0.2
        // reference:      bin0 0.1, bins 1-3 0.1, bins 4-8 0.1,            bin9 0 (-> epsilon), missing 0.1
        double expected = (0.2 - 0.1) * Math.log(0.2 / 0.1) // bin 0
                + 3 * 0.0 // bins 1-3 unchanged
                + 5 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) // bins 4-8 emptied
                + (0.3 - 1e-4) * Math.log(0.3 / 1e-4) // bin 9 appeared
                + (0.2 - 0.1) * Math.log(0.2 / 0.1); // missing doubled
        // = 0.0693147 + 3.4504236 + 2.4011098 + 0.0693147
        assertThat(expected).isCloseTo(5.9901628, within(1e-6));
        double psi = Psi.of(reference, counts);
        assertThat(psi).isCloseTo(expected, within(1e-12));
        assertThat(DriftBand.of(psi)).isEqualTo(DriftBand.MAJOR);

        FeatureDrift drift = FeatureDrift.of("lag_1h", reference, counts);
        assertThat(drift.missingRateShift()).isCloseTo(0.1, within(1e-12));
        assertThat(drift.missingShiftFlagged()).isTrue();
    }

    @Test
    void theSameDistributionHasPsiZero() {
        ReferenceDistribution reference = ReferenceDistribution.fromMetadata("test", EDGES, FRACTIONS, 0.1);
        BinCounts counts = binned(reference, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, null);
        assertThat(Psi.of(reference, counts)).isEqualTo(0.0);
        assertThat(FeatureDrift.of("lag_1h", reference, counts).raisesFlag()).isFalse();
    }

    @Test
    void fractionsOfThePresentValuesOnlyGiveTheSameReference() {
        double[] ofPresent = Arrays.stream(FRACTIONS).map(f -> f / 0.9).toArray();
        ReferenceDistribution scaled = ReferenceDistribution.fromMetadata("test", EDGES, ofPresent, 0.1);
        assertThat(scaled.fractions()).containsExactly(FRACTIONS, within(1e-12));
    }

    @Test
    void bandsChangeAtTheDocumentedLimits() {
        assertThat(DriftBand.of(0.0999)).isEqualTo(DriftBand.STABLE);
        assertThat(DriftBand.of(0.1)).isEqualTo(DriftBand.MODERATE);
        assertThat(DriftBand.of(0.2499)).isEqualTo(DriftBand.MODERATE);
        assertThat(DriftBand.of(0.25)).isEqualTo(DriftBand.MAJOR);
    }

    @Test
    void aMajorCalendarFeatureDoesNotRaiseTheFlagButAMissingShiftDoes() {
        assertThat(new FeatureDrift("month", 3.0, DriftBand.MAJOR, 0, 0, 100).raisesFlag())
                .isFalse();
        assertThat(new FeatureDrift("lag_1h", 3.0, DriftBand.MAJOR, 0, 0, 100).raisesFlag())
                .isTrue();
        assertThat(new FeatureDrift("lag_1h", 0.01, DriftBand.STABLE, 0.10, 0.15, 100).raisesFlag())
                .isFalse();
        assertThat(new FeatureDrift("lag_1h", 0.01, DriftBand.STABLE, 0.10, 0.1501, 100).raisesFlag())
                .isTrue();
    }

    private static BinCounts binned(ReferenceDistribution reference, Double... values) {
        SparkSession spark = TestSpark.session();
        Instant hour = Instant.parse("2026-03-23T00:00:00Z");
        List<Row> rows = new ArrayList<>();
        for (Double v : values) {
            rows.add(RowFactory.create(java.sql.Timestamp.from(hour), v));
        }
        StructType schema =
                new StructType().add("hour_start", DataTypes.TimestampType).add("lag_1h", DataTypes.DoubleType);
        Map<Instant, Map<String, BinCounts>> counts =
                FeatureBinning.countsPerHour(spark.createDataFrame(rows, schema), Map.of("lag_1h", reference));
        return counts.get(hour).get("lag_1h");
    }
}
