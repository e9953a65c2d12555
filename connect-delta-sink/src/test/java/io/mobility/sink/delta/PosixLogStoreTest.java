package io.mobility.sink.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.actions.AddFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
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
            Path commit = new Path(dir.resolve(String.format("%020d.json", version)).toUri());
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
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
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

    @Test
    void sinkTasksCommittingToOneNewTableAtOnceLoseNoCommit() throws Exception {
        String table = dir.resolve("rides").toString();
        Configuration conf = new Configuration();
        conf.set("delta.logStore.file.impl", PosixLogStore.class.getName());
        Schema schema = SchemaBuilder.struct().field("ride_id", Schema.STRING_SCHEMA).build();
        int commitsPerTask = 15;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int task = 0; task < WRITERS; task++) {
            int partition = task;
            // Each task its own DeltaLog, as each sink task opens the table itself.
            StandaloneDeltaTable delta = new StandaloneDeltaTable(conf, table, List.of(), Map.of(), true, 50);
            tasks.add(pool.submit((Callable<Void>) () -> {
                start.await();
                for (int c = 0; c < commitsPerTask; c++) {
                    DataFile file = new DataFile("part-" + partition + "-" + c + ".parquet", Map.of(), 1, 1, 1,
                            "{\"numRecords\":1}");
                    delta.commit(schema, List.of(file), Map.of("rides-" + partition, new OffsetRange(c, c)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
            task.get();
        }

        DeltaLog log = DeltaLog.forTable(conf, table);
        Set<String> files = new HashSet<>();
        log.update().getAllFiles().stream().map(AddFile::getPath).forEach(files::add);
        assertThat(log.snapshot().getVersion()).isEqualTo(WRITERS * commitsPerTask - 1L);
        assertThat(files).hasSize(WRITERS * commitsPerTask);
        for (int task = 0; task < WRITERS; task++) {
            assertThat(log.startTransaction().txnVersion("rides-" + task)).isEqualTo(commitsPerTask - 1L);
        }
    }

    private static List<String> actions(int writer, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> "{\"writer\":" + writer + ",\"line\":" + i + "}").toList();
    }
}
