package io.mobility.demo.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rows of a Delta table from its log alone, without Spark: the {@code numRecords} statistic of every file the log
 * adds and has not removed. Both writers of the lake (delta-standalone in the sink, delta-spark in batch) record it.
 */
public final class DeltaRowCounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaRowCounts() {}

    /** Every Delta table directly under {@code <lake>/<layer>/}, by {@code layer/table}, in name order. */
    public static Map<String, OptionalLong> tables(Path lake, List<String> layers) {
        Map<String, OptionalLong> counts = new TreeMap<>();
        for (String layer : layers) {
            Path dir = lake.resolve(layer);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> tables = Files.list(dir)) {
                tables.filter(t -> Files.isDirectory(t.resolve("_delta_log")))
                        .forEach(t -> counts.put(layer + "/" + t.getFileName(), rows(t)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + dir, e);
            }
        }
        return counts;
    }

    /** The table's rows, or empty when a file lacks statistics or the log's first commits were cleaned up. */
    public static OptionalLong rows(Path table) {
        Path log = table.resolve("_delta_log");
        List<Path> commits;
        try (Stream<Path> files = Files.list(log)) {
            commits = files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + log, e);
        }
        if (commits.isEmpty() || !commits.get(0).getFileName().toString().equals("00000000000000000000.json")) {
            return OptionalLong.empty();
        }
        Map<String, Long> live = new HashMap<>();
        for (Path commit : commits) {
            try (BufferedReader reader = Files.newBufferedReader(commit)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    JsonNode action = JSON.readTree(line);
                    if (action.has("add")) {
                        JsonNode add = action.get("add");
                        String stats = add.path("stats").asText(null);
                        long n = stats == null
                                ? -1
                                : JSON.readTree(stats).path("numRecords").asLong(-1);
                        // Rows a deletion vector marks as deleted are not in the table any more.
                        long deleted =
                                add.path("deletionVector").path("cardinality").asLong(0);
                        live.put(add.get("path").asText(), n < 0 ? -1 : n - deleted);
                    } else if (action.has("remove")) {
                        live.remove(action.get("remove").get("path").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + commit, e);
            }
        }
        long total = 0;
        for (long n : live.values()) {
            if (n < 0) {
                return OptionalLong.empty();
            }
            total += n;
        }
        return OptionalLong.of(total);
    }
}
