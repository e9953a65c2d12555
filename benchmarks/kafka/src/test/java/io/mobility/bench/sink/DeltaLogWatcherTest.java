package io.mobility.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's reading of a Delta log: rows from file statistics, visibility times, commit latencies. */
class DeltaLogWatcherTest {

    @TempDir
    Path table;

    @Test
    void countsTheRowsOfVisibleCommitsAndTimesEachByItsLogFile() throws IOException {
        DeltaLogWatcher watcher = new DeltaLogWatcher(table);
        assertThat(watcher.poll()).as("no log yet").isZero();

        commit(0, 1_000, "{\"metaData\":{\"id\":\"t\"}}");
        commit(1, 3_000, add("a", 700, 4_096), add("b", 300, 2_048), "{\"txn\":{\"appId\":\"x\",\"version\":9}}");
        assertThat(watcher.poll()).isEqualTo(1_000);
        commit(2, 8_000, add("c", 500, 1_024));
        assertThat(watcher.poll()).isEqualTo(1_500);

        Landing landing = new Landing("sink", 0, watcher.commits(), 1_500, 2.0);
        assertThat(landing.dataCommits()).isEqualTo(2);
        assertThat(landing.files()).isEqualTo(3);
        assertThat(landing.bytes()).isEqualTo(7_168);
        assertThat(landing.seconds()).isEqualTo(8.0);
        assertThat(landing.recordsPerSecond()).isEqualTo(187.5);
        assertThat(landing.commitLatencyPercentileMs(50))
                .as("3 s to the first data commit")
                .isEqualTo(3_000);
        assertThat(landing.commitLatencyPercentileMs(95))
                .as("5 s between the two")
                .isEqualTo(5_000);
    }

    @Test
    void aCommitThatRemovesFilesOrAddsOneWithoutStatisticsIsRefused() throws IOException {
        commit(0, 1_000, "{\"remove\":{\"path\":\"a\"}}");
        assertThatThrownBy(() -> new DeltaLogWatcher(table).poll()).hasMessageContaining("append-only");

        Files.delete(table.resolve("_delta_log/00000000000000000000.json"));
        commit(0, 1_000, "{\"add\":{\"path\":\"b\",\"size\":1}}");
        assertThatThrownBy(() -> new DeltaLogWatcher(table).poll()).hasMessageContaining("without statistics");
    }

    private void commit(long version, long mtime, String... actions) throws IOException {
        Path file = Files.createDirectories(table.resolve("_delta_log")).resolve(String.format("%020d.json", version));
        Files.writeString(file, String.join("\n", actions) + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private static String add(String path, long rows, long size) {
        return "{\"add\":{\"path\":\"" + path + "\",\"size\":" + size + ",\"stats\":\"{\\\"numRecords\\\":" + rows
                + "}\"}}";
    }
}
