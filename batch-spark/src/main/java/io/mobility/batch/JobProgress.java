package io.mobility.batch;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** JobProgress lines on stdout ("[gold] fact_ride: 1,234 rows (12.3 s)") so that long runs show where they are. */
public final class JobProgress {

    private final String job;
    private final PrintStream out;
    private final Instant start = Instant.now();

    public JobProgress(String job, PrintStream out) {
        this.job = job;
        this.out = out;
    }

    public static JobProgress stdout(String job) {
        return new JobProgress(job, System.out);
    }

    public void stage(String stage) {
        out.printf("[%s] %s (%.1f s)%n", job, stage, elapsedSeconds());
        out.flush();
    }

    public void rows(String stage, long rows) {
        out.printf("[%s] %s: %,d rows (%.1f s)%n", job, stage, rows, elapsedSeconds());
        out.flush();
    }

    public double elapsedSeconds() {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
