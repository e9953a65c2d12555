package io.mobility.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running the demo again: resume a complete history, start over after a cut one, refuse another city. */
class DataDirTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true);

    @Test
    void aNewDirectoryIsAFirstRun() {
        DataDir data = new DataDir(tmp.resolve("demo"));
        assertThat(data.prepare(false, "days=1.0 zones=4 seed=42 dirty=0.01", out))
                .isFalse();
        assertThat(data.logs()).isDirectory();
    }

    @Test
    void aCompleteHistoryIsResumedAndAnInterruptedOneStartsFresh() throws IOException {
        DataDir data = new DataDir(tmp.resolve("demo"));
        data.prepare(false, "s", out);
        Files.createDirectories(data.kafka());
        Files.createDirectories(data.backfillManifest().getParent());
        Files.writeString(data.backfillManifest(), "{}");
        assertThat(data.prepare(false, "s", out)).isTrue();
        assertThat(data.kafka()).isDirectory();

        Files.delete(data.backfillManifest());
        assertThat(data.prepare(false, "s", out)).isFalse();
        assertThat(data.kafka()).doesNotExist();
        assertThat(printed.toString()).contains("stopped before its history was fully simulated: starting fresh");
    }

    @Test
    void anotherScaleIsRefusedUnlessFresh() throws IOException {
        DataDir data = new DataDir(tmp.resolve("demo"));
        data.prepare(false, "zones=4", out);
        Files.createDirectories(data.kafka());
        assertThatThrownBy(() -> data.prepare(false, "zones=30", out))
                .hasMessageContaining("holds a city simulated with zones=4, not zones=30")
                .hasMessageContaining("--fresh");
        assertThat(data.prepare(true, "zones=30", out)).isFalse();
        assertThat(data.kafka()).doesNotExist();
    }

    @Test
    void everyLiveRunGetsItsOwnNumber() {
        DataDir data = new DataDir(tmp.resolve("demo"));
        data.prepare(false, "s", out);
        assertThat(data.nextLiveRun()).isEqualTo(1);
        assertThat(data.nextLiveRun()).isEqualTo(2);
    }
}
