package io.mobility.sink.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.actions.AddFile;
import io.mobility.delta.PosixLogStore;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sink tasks committing to one table at once, as on a lake on local or mounted disks ({@link PosixLogStore}). */
class ConcurrentCommitsTest {

    private static final int WRITERS = 6;

    @TempDir
    java.nio.file.Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void sinkTasksCommittingToOneNewTableAtOnceLoseNoCommit() throws Exception {
        String table = dir.resolve("rides").toString();
        Configuration conf = new Configuration();
        conf.set("delta.logStore.file.impl", PosixLogStore.class.getName());
        Schema schema =
                SchemaBuilder.struct().field("ride_id", Schema.STRING_SCHEMA).build();
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
                    DataFile file = new DataFile(
                            "part-" + partition + "-" + c + ".parquet", Map.of(), 1, 1, 1, "{\"numRecords\":1}");
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
}
