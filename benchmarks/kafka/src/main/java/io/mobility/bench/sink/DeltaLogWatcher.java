package io.mobility.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a Delta table's log as a reader sees it: a commit is visible once its {@code _delta_log/<version>.json}
 * exists (both writers create it atomically), and the file's modification time is the moment it became visible.
 * Rows come from the {@code numRecords} statistics of the files each commit adds; the benchmark's tables are
 * append-only, so a remove action is an error rather than something to account for.
 */
final class DeltaLogWatcher {

    /** One visible commit: its version, when it became visible, and the rows and bytes of the files it added. */
    record Commit(long version, long visibleAtMs, long rows, long files, long bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path log;
    private final List<Commit> commits = new ArrayList<>();
    private long nextVersion;
    private long rows;

    DeltaLogWatcher(Path table) {
        this.log = table.resolve("_delta_log");
    }

    /** Reads every commit that became visible since the last call; returns the rows the table now holds. */
    long poll() {
        while (true) {
            Path file = log.resolve(String.format("%020d.json", nextVersion));
            Commit commit;
            try {
                commit = read(nextVersion, file);
            } catch (NoSuchFileException e) {
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read Delta commit " + file, e);
            }
            commits.add(commit);
            rows += commit.rows();
            nextVersion++;
        }
    }

    long rows() {
        return rows;
    }

    List<Commit> commits() {
        return List.copyOf(commits);
    }

    private static Commit read(long version, Path file) throws IOException {
        long visibleAt = Files.getLastModifiedTime(file).toMillis();
        long rows = 0;
        long files = 0;
        long bytes = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode action = JSON.readTree(line);
            if (action.has("remove")) {
                throw new IllegalStateException("Commit " + file + " removes files: the benchmark's tables must be "
                        + "append-only, or its row counts are wrong");
            }
            JsonNode add = action.get("add");
            if (add == null) {
                continue;
            }
            String stats = add.path("stats").asText(null);
            if (stats == null) {
                throw new IllegalStateException("Commit " + file + " adds "
                        + add.path("path").asText() + " without statistics: cannot count its rows from the log");
            }
            rows += JSON.readTree(stats).path("numRecords").asLong();
            files++;
            bytes += add.path("size").asLong();
        }
        return new Commit(version, visibleAt, rows, files, bytes);
    }
}
