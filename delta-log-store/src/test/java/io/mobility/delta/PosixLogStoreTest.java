package io.mobility.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixLogStoreTest {

    private static final int WRITERS = 6;

    @TempDir
    java.nio.file.Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void writersRacingForOneVersionLeaveExactlyOneWholeCommit() throws Exception {
        PosixLogStore store = new PosixLogStore(new Configuration());
        for (int version = 0; version < 20; version++) {
            Path commit =
                    new Path(dir.resolve(String.format("%020d.json", version)).toUri());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                List<String> actions = actions(w, 200);
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.write(commit, actions.iterator(), false, new Configuration());
                        return true;
                    } catch (FileAlreadyExistsException lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                if (attempts.get(w).get()) {
                    winners.add(w);
                }
            }

            assertThat(winners).as("version %d", version).hasSize(1);
            List<String> written = Files.readAllLines(dir.resolve(String.format("%020d.json", version)));
            assertThat(written).as("the winner's commit, whole").isEqualTo(actions(winners.get(0), 200));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file left")
                    .allMatch(name -> name.matches("\\d{20}\\.json"));
        }
    }

    @Test
    void anOverwriteReplacesTheFileWhole() throws Exception {
        PosixLogStore store = new PosixLogStore(new Configuration());
        Path checkpoint = new Path(dir.resolve("_last_checkpoint").toUri());

        store.write(checkpoint, List.of("{\"version\":10}").iterator(), true, new Configuration());
        store.write(checkpoint, List.of("{\"version\":20}").iterator(), true, new Configuration());

        try (var lines = store.read(checkpoint, new Configuration())) {
            assertThat(lines.next()).isEqualTo("{\"version\":20}");
            assertThat(lines.hasNext()).isFalse();
        }
    }

    private static List<String> actions(int writer, int lines) {
        return IntStream.range(0, lines)
                .mapToObj(i -> "{\"writer\":" + writer + ",\"line\":" + i + "}")
                .toList();
    }
}
