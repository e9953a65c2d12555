package io.mobility.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** metadata.json as docs/model-format.md writes it, and the errors a broken one gets. */
class ModelMetadataTest {

    private static final String FILE = "lake/models/demand/v1/metadata.json";

    @Test
    void readsFeaturesAndReferenceDistributions() {
        ModelMetadata m = ModelMetadata.parse(FILE, """
                {"name": "demand", "version": "v1", "features": ["hour_of_day", "lag_1h"],
                 "reference_distributions": {
                   "lag_1h": {"edges": [0.0, 1.0, 3.0, 5.0, 8.0, 12.0, 17.0, 24.0, 33.0, 50.0, 1.0e308],
                              "fractions": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], \
                "missing_fraction": 0.0}}}
                """);
        assertThat(m.features()).containsExactly("hour_of_day", "lag_1h");
        assertThat(m.references()).containsOnlyKeys("lag_1h");
        assertThat(m.references().get("lag_1h").edges()[10]).isEqualTo(1.0e308);
    }

    @Test
    void whatTheTrainerWritesReadsBack() {
        ReferenceDistribution lag = ReferenceDistribution.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN});
        ReferenceDistribution hour = ReferenceDistribution.of(new double[] {0, 6, 12, 18});
        var json = ModelMetadata.json(
                "demand",
                "20261127T020000Z",
                java.time.Instant.parse("2026-11-27T02:00:00.5Z"),
                java.time.Instant.parse("2026-10-01T00:00:00Z"),
                java.time.Instant.parse("2026-11-26T00:00:00Z"),
                "ride_requests_next_hour",
                java.util.List.of("hour_of_day", "lag_1h"),
                0.0,
                null,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                java.util.Map.of("hour_of_day", hour, "lag_1h", lag));
        assertThat(json.get("trained_at").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(json.at("/output/max").isNull()).isTrue();
        assertThat(json.get("promoted").asBoolean()).isFalse();

        ModelMetadata m = ModelMetadata.parse(FILE, json.toString());

        assertThat(m.name()).isEqualTo("demand");
        assertThat(m.version()).isEqualTo("20261127T020000Z");
        assertThat(m.features()).containsExactly("hour_of_day", "lag_1h");
        assertThat(m.references().get("lag_1h").edges()).containsExactly(lag.edges());
        assertThat(m.references().get("lag_1h").fractions()).containsExactly(lag.fractions());
        assertThat(m.references().get("lag_1h").missingFraction()).isEqualTo(1.0 / 11);
        assertThat(m.references().get("hour_of_day").edges()).containsExactly(hour.edges());
    }

    @Test
    void aWrongNumberOfEdgesNamesTheFileAndFeature() {
        assertThatThrownBy(() -> ModelMetadata.parse(FILE, """
                {"features": ["lag_1h"], "reference_distributions": {
                   "lag_1h": {"edges": [0.0, 1.0], "fractions": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], \
                "missing_fraction": 0.0}}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(FILE + ": reference_distributions.lag_1h: 'edges' must hold 11 numbers, got 2");
    }

    @Test
    void sharesThatDoNotAddUpAreRefused() {
        assertThatThrownBy(() -> ModelMetadata.parse(FILE, """
                {"features": ["lag_1h"], "reference_distributions": {
                   "lag_1h": {"edges": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
                              "fractions": [0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0], "missing_fraction": 0.0}}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference_distributions.lag_1h: 'fractions' (sum 1.5) "
                        + "plus 'missing_fraction' (0.0) must add up to 1");
    }

    @Test
    void missingFeaturesListIsNamed() {
        assertThatThrownBy(() -> ModelMetadata.parse(FILE, "{\"name\": \"demand\"}"))
                .hasMessage(FILE + ": 'features' must be a non-empty array of names");
    }

    @Test
    void aServedVersionNamesItselfAndCapsItsOutput() {
        ModelMetadata surge = ModelMetadata.parse(FILE, """
                {"name": "surge", "version": "20261120T030000Z", "trained_at": "2026-11-20T03:00:00Z",
                 "features": ["demand_supply_ratio", "hour_of_day"], "output": {"min": 1.0, "max": 2.5},
                 "reference_distributions": {}, "promoted": true}""").requireIdentity(FILE);
        assertThat(surge.trainedAt()).isEqualTo(java.time.Instant.parse("2026-11-20T03:00:00Z"));
        assertThat(surge.references()).isEmpty();
        assertThat(surge.cap(3.0)).isEqualTo(2.5);
        assertThat(surge.cap(0.5)).isEqualTo(1.0);
        assertThat(surge.raw().get("promoted").asBoolean()).isTrue();

        assertThatThrownBy(() -> ModelMetadata.parse(FILE, """
                {"name": "surge", "version": "v1", "features": ["hour_of_day"], "reference_distributions": {}}\
                """).requireIdentity(FILE))
                .isInstanceOf(LakeFormatException.class)
                .hasMessage(FILE + ": 'trained_at' is missing");
    }
}
