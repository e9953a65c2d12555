package io.mobility.sink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRouterTest {

    @Test
    void templateNamesTheTableAfterTheTopicUnderTheRoot() {
        TableRouter router = new TableRouter("/lake/", "bronze/${topic}", Map.of());
        assertThat(router.tablePath("mobility.zones")).isEqualTo("/lake/bronze/mobility.zones");
    }

    @Test
    void overridesWinAndMayBeAbsolute() {
        TableRouter router = new TableRouter(
                "s3a://bucket/lake",
                "${topic}",
                TableRouter.parseOverrides(List.of(
                        "mobility.ride-events.raw:bronze/ride_events", "mobility.rides:hdfs://nn/silver/rides")));
        assertThat(router.tablePath("mobility.ride-events.raw")).isEqualTo("s3a://bucket/lake/bronze/ride_events");
        assertThat(router.tablePath("mobility.rides")).isEqualTo("hdfs://nn/silver/rides");
        assertThat(router.tablePath("other")).isEqualTo("s3a://bucket/lake/other");
    }

    @Test
    void malformedOverridesAreRefusedByName() {
        assertThatThrownBy(() -> TableRouter.parseOverrides(List.of("no-colon")))
                .hasMessageContaining("'no-colon' is not topic:path");
        assertThatThrownBy(() -> TableRouter.parseOverrides(List.of("bad topic:x")))
                .hasMessageContaining("not a valid topic name");
        assertThatThrownBy(() -> TableRouter.parseOverrides(List.of("t:a", "t:b")))
                .hasMessageContaining("more than one override");
    }
}
