package io.mobility.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

    @Test
    void theLineIsOneJsonObjectWithTheFiguresInTheOrderTheyWerePut() throws Exception {
        Map<String, Object> byThread = new LinkedHashMap<>();
        byThread.put("main", 1.25);
        byThread.put("jit", 0.5);
        String json = new BenchmarkReport("demo")
                .rates("events_per_s", 51_855.4, "baseline_events_per_s", 474_098.6)
                .put("label", "a \"quoted\" name")
                .put("by_thread", byThread)
                .put("sizes", List.of(Map.of("rows", 10)))
                .put("undefined", Double.NaN)
                .toJson();

        assertThat(json).doesNotContain("\n");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.fieldNames())
                .toIterable()
                .containsExactly(
                        "bench",
                        "events_per_s",
                        "baseline_events_per_s",
                        "ratio",
                        "label",
                        "by_thread",
                        "sizes",
                        "undefined");
        assertThat(node.get("bench").asText()).isEqualTo("demo");
        assertThat(node.get("events_per_s").asLong()).isEqualTo(51_855);
        assertThat(node.get("baseline_events_per_s").asLong()).isEqualTo(474_099);
        assertThat(node.get("ratio").asDouble()).isEqualTo(0.109);
        assertThat(node.get("label").asText()).isEqualTo("a \"quoted\" name");
        assertThat(node.get("by_thread").get("main").asDouble()).isEqualTo(1.25);
        assertThat(node.get("sizes").get(0).get("rows").asInt()).isEqualTo(10);
        assertThat(node.get("undefined").isNull()).isTrue();
    }

    @Test
    void roundsToTheGivenPlaces() {
        assertThat(BenchmarkReport.round(0.12345, 3)).isEqualTo(0.123);
        assertThat(BenchmarkReport.round(170.456, 1)).isEqualTo(170.5);
        assertThat(BenchmarkReport.round(Double.POSITIVE_INFINITY, 2)).isInfinite();
    }
}
