package io.mobility.serve;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-reads what the batch layer exports (models, feature and monitoring snapshots) on one background thread. */
final class Refresher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);

    private final List<Runnable> refreshes;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    Refresher(List<Runnable> refreshes, Duration interval) {
        this.refreshes = List.copyOf(refreshes);
        this.interval = interval;
    }

    private void refreshAll() {
        for (Runnable refresh : refreshes) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                // One broken export must not stop the others from being followed.
                LOG.warn("Refresh failed: {}", e.toString());
            }
        }
    }

    @Override
    public void start() {
        refreshAll();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "export-refresher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMilliseconds();
        scheduler.scheduleWithFixedDelay(this::refreshAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
