package io.mobility.serve.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.lake.LakeFormatException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The evaluator against predictions worked out by hand for the fixture trees (src/test/resources/lake/models). */
class TreeEnsembleTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ModelLoader loader = new ModelLoader(mapper, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static Path fixture(String model) throws URISyntaxException {
        return Paths.get(
                TreeEnsembleTest.class.getResource("/lake/models/" + model).toURI());
    }

    @Test
    void gbtSumsWeightedTreesWithContinuousCategoricalAndMissingSplits() throws Exception {
        LoadedModel demand = loader.load("demand", fixture("demand/20261120T020000Z"));
        // features: hour_of_day, day_of_week, lag_1h, lag_24h
        // tree 0: lag_1h 8 <= 10 -> hour 8 > 6.5 -> 12; tree 1: Friday (5) not in {6,7} -> lag_24h 25 > 20 -> 6 * 0.5
        assertThat(demand.predict(new double[] {8, 5, 8, 25})).isCloseTo(15.0, within(1e-12));
        // tree 0: hour 3 <= 6.5 -> 2; tree 1: Saturday (6) is in categories_left -> 4 * 0.5
        assertThat(demand.predict(new double[] {3, 6, 8, 25})).isCloseTo(4.0, within(1e-12));
        // tree 0: lag_1h 15 > 10 -> 30; tree 1: lag_24h missing goes right -> 6 * 0.5
        assertThat(demand.predict(new double[] {8, 5, 15, Double.NaN})).isCloseTo(33.0, within(1e-12));
        // tree 0: lag_1h missing goes right -> 30; tree 1: lag_24h 20 <= 20 goes left -> -2 * 0.5
        assertThat(demand.predict(new double[] {8, 5, Double.NaN, 20})).isCloseTo(29.0, within(1e-12));
    }

    @Test
    void randomForestAveragesTreesAndMetadataCapsTheOutput() throws Exception {
        LoadedModel surge = loader.load("surge", fixture("surge/20261120T030000Z"));
        // ratio 1.5, hour 8: tree A 1.5 (1 < 1.5 <= 2), tree B 1.2 (hour > 6.5, ratio <= 1.5): mean 1.35
        assertThat(surge.predict(new double[] {1.5, 8})).isCloseTo(1.35, within(1e-12));
        // ratio 3, hour 8: tree A 3.0, tree B 2.6: mean 2.8, capped at output.max 2.5
        assertThat(surge.ensemble().predict(new double[] {3.0, 8})).isCloseTo(2.8, within(1e-12));
        assertThat(surge.predict(new double[] {3.0, 8})).isEqualTo(2.5);
        // ratio 0.5, hour 3: both trees 1.0
        assertThat(surge.predict(new double[] {0.5, 3})).isEqualTo(1.0);
    }

    @Test
    void metadataDescribesTheVersion() throws Exception {
        LoadedModel demand = loader.load("demand", fixture("demand/20261120T020000Z"));
        assertThat(demand.version()).isEqualTo("20261120T020000Z");
        assertThat(demand.metadata().features()).containsExactly("hour_of_day", "day_of_week", "lag_1h", "lag_24h");
        assertThat(demand.metadata().trainedAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(demand.metadata().cap(-3.0)).isEqualTo(0.0);
    }

    @Test
    void aVectorOfTheWrongLengthIsRefused() throws Exception {
        LoadedModel demand = loader.load("demand", fixture("demand/20261120T020000Z"));
        assertThatThrownBy(() -> demand.predict(new double[] {1, 2}))
                .hasMessageContaining("expected 4 features, got 2");
    }

    @Test
    void malformedModelsNameTheTreeNodeAndField() throws Exception {
        assertThatThrownBy(() -> TreeEnsemble.parse(json("""
                {"format": "mobility-tree-ensemble/1", "algorithm": "gbt_regressor", "num_features": 2,
                 "aggregation": "weighted_sum", "trees": [{"weight": 1.0, "nodes": [
                   {"id": 0, "feature": 5, "threshold": 1.0, "left": 1, "right": 2}, {"leaf": 1}, {"leaf": 2}]}]}""")))
                .isInstanceOf(LakeFormatException.class)
                .hasMessageContaining("model.trees[0].nodes[0].feature");
        assertThatThrownBy(() -> TreeEnsemble.parse(json("""
                {"format": "mobility-tree-ensemble/1", "algorithm": "gbt_regressor", "num_features": 1,
                 "aggregation": "weighted_sum", "trees": [{"weight": 1.0, "nodes": [
                   {"id": 0, "feature": 0, "threshold": 1.0, "left": 0, "right": 1}, {"leaf": 1}]}]}""")))
                .hasMessageContaining("model.trees[0].nodes[0].left must be a node id after 0");
        assertThatThrownBy(() -> TreeEnsemble.parse(json("""
                {"format": "xgboost", "algorithm": "gbt_regressor", "num_features": 1,
                 "aggregation": "weighted_sum", "trees": []}"""))).hasMessageContaining("model.format is 'xgboost'");
        assertThatThrownBy(() -> TreeEnsemble.parse(json("""
                {"format": "mobility-tree-ensemble/1", "algorithm": "gbt_regressor", "num_features": 1,
                 "aggregation": "median", "trees": [{"weight": 1.0, "nodes": [{"leaf": 1}]}]}\
                """))).hasMessageContaining("model.aggregation 'median'");
    }

    @Test
    void aVersionWhoseMetadataDisagreesWithItsDirectoryIsRefused() throws Exception {
        assertThatThrownBy(() -> loader.load("surge", fixture("demand/20261120T020000Z")))
                .hasMessageContaining("metadata.name is 'demand' but the model lives under 'surge'")
                // the message reaches API answers: no server path in it
                .message()
                .doesNotContain(fixture("demand/20261120T020000Z").toString());
    }

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }
}
