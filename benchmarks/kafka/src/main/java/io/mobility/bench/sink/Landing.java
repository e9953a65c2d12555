package io.mobility.bench.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One writer's run: from its start to the first commit at which the table holds all the records. Commit latency is
 * the time between consecutive commits that add rows (the first one counted from the start): how long a reader waits
 * for the next fresh data while the writer drains the topic. CPU seconds are those its processes used meanwhile
 * (the broker's included on both sides), a figure a busy shared machine disturbs less than wall-clock time.
 */
record Landing(String writer, long startMs, List<DeltaLogWatcher.Commit> commits, long records, double cpuSeconds) {

    long endMs() {
        List<DeltaLogWatcher.Commit> data = dataCommitList();
        return data.get(data.size() - 1).visibleAtMs();
    }

    double seconds() {
        return (endMs() - startMs) / 1000.0;
    }

    double recordsPerSecond() {
        return records / seconds();
    }

    double recordsPerCpuSecond() {
        return records / cpuSeconds;
    }

    long dataCommits() {
        return dataCommitList().size();
    }

    long files() {
        return dataCommitList().stream()
                .mapToLong(DeltaLogWatcher.Commit::files)
                .sum();
    }

    long bytes() {
        return dataCommitList().stream()
                .mapToLong(DeltaLogWatcher.Commit::bytes)
                .sum();
    }

    /** The {@code p}-th percentile (nearest rank) of the commit latencies, in ms. */
    long commitLatencyPercentileMs(double p) {
        long[] latencies = latenciesMs();
        Arrays.sort(latencies);
        int rank = (int) Math.ceil(p / 100.0 * latencies.length);
        return latencies[Math.max(0, rank - 1)];
    }

    private long[] latenciesMs() {
        List<DeltaLogWatcher.Commit> data = dataCommitList();
        long[] latencies = new long[data.size()];
        long previous = startMs;
        for (int i = 0; i < data.size(); i++) {
            latencies[i] = data.get(i).visibleAtMs() - previous;
            previous = data.get(i).visibleAtMs();
        }
        return latencies;
    }

    private List<DeltaLogWatcher.Commit> dataCommitList() {
        List<DeltaLogWatcher.Commit> data = new ArrayList<>();
        for (DeltaLogWatcher.Commit commit : commits) {
            if (commit.rows() > 0) {
                data.add(commit);
            }
        }
        if (data.isEmpty()) {
            throw new IllegalStateException(writer + " committed no rows");
        }
        return data;
    }
}
