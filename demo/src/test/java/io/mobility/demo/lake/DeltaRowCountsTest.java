package io.mobility.demo.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row counts from Delta logs shaped as delta-standalone and delta-spark write them (one JSON action a line). */
class DeltaRowCountsTest {

    @TempDir
    Path lake;

    private Path commit(String table, int version, String... actions) throws IOException {
        Path log = lake.resolve(table).resolve("_delta_log");
        Files.createDirectories(log);
        return Files.write(log.resolve(String.format("%020d.json", version)), List.of(actions));
    }

    private static String add(String path, long rows) {
        return "{\"add\":{\"path\":\"" + path + "\",\"size\":1,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":"
                + rows + ",\\\"minValues\\\":{}}\"}}";
    }

    @Test
    void liveFilesCountAndRemovedFilesAndDeletionVectorsDoNot() throws IOException {
        commit(
                "gold/fact_ride",
                0,
                "{\"protocol\":{\"minReaderVersion\":1}}",
                "{\"metaData\":{\"id\":\"x\"}}",
                add("a.parquet", 10),
                add("b.parquet", 5));
        commit(
                "gold/fact_ride",
                1,
                "{\"remove\":{\"path\":\"a.parquet\",\"dataChange\":true}}",
                "{\"add\":{\"path\":\"c.parquet\",\"stats\":\"{\\\"numRecords\\\":7}\","
                        + "\"deletionVector\":{\"storageType\":\"u\",\"cardinality\":2}}}");
        commit("silver/rides", 0, add("r.parquet", 3));

        Map<String, OptionalLong> counts = DeltaRowCounts.tables(lake, List.of("bronze", "silver", "gold"));

        assertThat(counts)
                .containsExactly(
                        Map.entry("gold/fact_ride", OptionalLong.of(10)),
                        Map.entry("silver/rides", OptionalLong.of(3)));
    }

    @Test
    void aFileWithoutStatisticsOrACleanedUpLogMakesTheCountUnknown() throws IOException {
        commit("silver/no_stats", 0, "{\"add\":{\"path\":\"a.parquet\",\"size\":1}}");
        commit("silver/cleaned", 12, add("a.parquet", 1));

        assertThat(DeltaRowCounts.rows(lake.resolve("silver/no_stats"))).isEmpty();
        assertThat(DeltaRowCounts.rows(lake.resolve("silver/cleaned"))).isEmpty();
    }
}
