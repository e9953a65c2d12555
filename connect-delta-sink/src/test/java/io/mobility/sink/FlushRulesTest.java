package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.standalone.DeltaLog;
import io.mobility.sink.testing.RideRecords;
import io.mobility.sink.testing.TaskDriver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the task commits, as a reader of the Delta log sees it (delta-standalone: the commits, their rows, the
 * offsets they landed): a batch commits the moment it is full, even in the middle of a poll, and what is left
 * commits once the topic has been idle for {@code delta.flush.idle.ms}, not only after the flush interval.
 */
class FlushRulesTest {

    private static final String TOPIC = "mobility.ride-events.raw";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path lake;

    private Map<String, String> props(long idleMs) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "bronze-rides");
        props.put(DeltaSinkConfig.TABLE_ROOT, lake.toString());
        props.put(DeltaSinkConfig.TABLE_PATH_TEMPLATE, "rides");
        props.put(DeltaSinkConfig.FLUSH_RECORDS, "100");
        props.put(DeltaSinkConfig.FLUSH_IDLE_MS, Long.toString(idleMs));
        return props;
    }

    private TaskDriver driver(long idleMs, int records) {
        Map<TopicPartition, List<SinkRecord>> partitions = Map.of(TP, RideRecords.records(TOPIC, 0, 0, records));
        return new TaskDriver(new DeltaSinkTask(), props(idleMs), partitions, false);
    }

    private DeltaLog log() {
        return DeltaLog.forTable(new Configuration(), lake.resolve("rides").toString());
    }

    /** Rows each commit added, from the numRecords statistics of its files, in commit order. */
    private List<Long> rowsPerCommit() {
        DeltaLog log = log();
        long last = log.update().getVersion();
        List<Long> rows = new java.util.ArrayList<>();
        log.getChanges(0, true)
                .forEachRemaining(version -> rows.add(version.getActions().stream()
                        .filter(a -> a instanceof io.delta.standalone.actions.AddFile)
                        .mapToLong(a -> numRecords(((io.delta.standalone.actions.AddFile) a).getStats()))
                        .sum()));
        assertThat(rows).hasSize((int) last + 1);
        return rows;
    }

    private static long numRecords(String stats) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(stats)
                    .path("numRecords")
                    .asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long landedOffset() {
        DeltaLog log = log();
        log.update();
        return log.startTransaction().txnVersion("bronze-rides-" + TOPIC + "-0");
    }

    @Test
    void aFullBatchCommitsInTheMiddleOfAPollWithExactlyFlushRecordsRows() {
        TaskDriver driver = driver(0, 250);
        driver.deliver(250, 1); // one poll of 250 records, flush.records 100

        assertThat(rowsPerCommit()).as("rows per commit").containsExactly(100L, 100L);
        assertThat(landedOffset()).as("last offset landed").isEqualTo(199);
    }

    @Test
    void theRestCommitsOnceTheTopicHasBeenIdleForFlushIdleMs() throws InterruptedException {
        TaskDriver driver = driver(1_000, 250);
        driver.deliver(250, 1);
        driver.deliver(250, 1); // an empty poll at once: not idle long enough yet
        assertThat(landedOffset()).as("before the idle time").isEqualTo(199);
        assertThat(driver.context().requestedTimeoutMs())
                .as("asks to be polled within the idle time")
                .isBetween(1L, 1_000L);

        Thread.sleep(1_200);
        driver.deliver(250, 1); // an empty poll after the idle time

        assertThat(rowsPerCommit()).as("rows per commit").containsExactly(100L, 100L, 50L);
        assertThat(landedOffset()).as("every offset landed").isEqualTo(249);
    }

    @Test
    void withIdleFlushOffTheRestWaitsForTheInterval() throws InterruptedException {
        TaskDriver driver = driver(0, 250);
        driver.deliver(250, 1);
        Thread.sleep(80);
        driver.deliver(250, 1);

        assertThat(landedOffset()).as("the rest waits for the 60 s interval").isEqualTo(199);
        assertThat(driver.context().requestedTimeoutMs())
                .as("no early poll asked for")
                .isEqualTo(-1);
    }
}
