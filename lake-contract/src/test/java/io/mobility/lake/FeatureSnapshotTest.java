package io.mobility.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feature snapshot as the features job writes it and the service reads it. */
class FeatureSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Written by the batch layer before the contract existed (trimmed from spark-export/'s snapshot). */
    private static final String WRITTEN_BY_BATCH = """
            {
              "generated_at" : "2026-11-27T05:26:19Z",
              "as_of_hour" : "2026-10-11T23:00:00Z",
              "for_hour" : "2026-10-12T00:00:00Z",
              "features" : [ "hour_of_day", "lag_1h", "lag_24h" ],
              "zones" : {
                "132" : {
                  "zone_name" : "JFK Airport",
                  "values" : [ 0.0, 25.0, 29.333333333333332 ]
                },
                "48" : {
                  "zone_name" : "Clinton East",
                  "values" : [ 0.0, null, 3.0 ]
                }
              }
            }""";

    @Test
    void aFileWrittenByTheBatchLayerReadsAndRendersToTheSameBytes() throws Exception {
        FeatureSnapshot snapshot = FeatureSnapshot.parse(JSON.readTree(WRITTEN_BY_BATCH));

        assertThat(snapshot.asOfHour()).isEqualTo(Instant.parse("2026-10-11T23:00:00Z"));
        assertThat(snapshot.forHour()).isEqualTo(Instant.parse("2026-10-12T00:00:00Z"));
        assertThat(snapshot.zone("48").orElseThrow().values()).containsExactly(0.0, Double.NaN, 3.0);
        assertThat(snapshot.zone("132").orElseThrow().zoneName()).isEqualTo("JFK Airport");
        assertThat(new String(snapshot.render(), StandardCharsets.UTF_8)).isEqualTo(WRITTEN_BY_BATCH);
    }

    @Test
    void roundTripSortsZonesAndWritesMissingValuesAsNull() throws Exception {
        FeatureSnapshot written = new FeatureSnapshot(
                Instant.parse("2026-11-27T02:00:00Z"),
                Instant.parse("2026-11-27T01:00:00Z"),
                Instant.parse("2026-11-27T02:00:00Z"),
                List.of("a", "b"),
                Map.of(
                        "9",
                        new FeatureSnapshot.ZoneFeatures("9", "Nine", new double[] {1.5, Double.NaN}),
                        "10",
                        new FeatureSnapshot.ZoneFeatures("10", null, new double[] {2.0, 3.0})));

        var tree = JSON.readTree(written.render());
        assertThat(tree.get("zones").fieldNames()).toIterable().containsExactly("10", "9");
        assertThat(tree.at("/zones/9/values/1").isNull()).isTrue();
        FeatureSnapshot read = FeatureSnapshot.parse(tree);
        assertThat(read.features()).containsExactly("a", "b");
        assertThat(read.zone("9").orElseThrow().values()).containsExactly(1.5, Double.NaN);
        assertThat(read.zone("10").orElseThrow().zoneName()).isNull();
        assertThat(read.generatedAt()).isEqualTo(written.generatedAt());
    }

    @Test
    void aRowOfTheWrongLengthNamesTheZone() throws Exception {
        assertThatThrownBy(() -> FeatureSnapshot.parse(JSON.readTree("""
                {"generated_at": "2026-11-27T02:00:00Z", "as_of_hour": "2026-11-27T01:00:00Z",
                 "features": ["a", "b"], "zones": {"7": {"zone_name": "Astoria", "values": [1.0]}}}""")))
                .isInstanceOf(LakeFormatException.class)
                .hasMessage("feature snapshot: zones.7.values must hold 2 values, one per feature");
    }

    @Test
    void theSnapshotLivesUnderFeatures() {
        assertThat(FeatureSnapshot.location("s3a://bucket/lake"))
                .isEqualTo("s3a://bucket/lake/features/snapshot/latest.json");
    }
}
