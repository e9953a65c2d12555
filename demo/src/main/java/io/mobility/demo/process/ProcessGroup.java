package io.mobility.demo.process;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The demo's running components, stopped in the reverse order of their start: the API before the streams app, the
 * streams app before Connect, so that each stops while what it depends on still runs.
 */
public final class ProcessGroup {

    private static final Duration GRACE = Duration.ofSeconds(40);

    private final Deque<ChildProcess> running = new ArrayDeque<>();
    private final PrintStream out;

    public ProcessGroup(PrintStream out) {
        this.out = out;
    }

    public synchronized ChildProcess add(ChildProcess process) {
        running.push(process);
        return process;
    }

    /** Stops one early (e.g. the backfill simulator) and forgets it. */
    public void stop(ChildProcess process) {
        synchronized (this) {
            running.remove(process);
        }
        stopOne(process);
    }

    /** Stops every component still running, newest first. */
    public void stopAll() {
        List<ChildProcess> toStop;
        synchronized (this) {
            toStop = new ArrayList<>(running);
            running.clear();
        }
        toStop.forEach(this::stopOne);
    }

    /** The first component that has died, if any: the demo stops when one of its parts does. */
    public synchronized ChildProcess firstDead() {
        return running.stream().filter(p -> !p.isAlive()).findFirst().orElse(null);
    }

    private void stopOne(ChildProcess process) {
        if (!process.isAlive()) {
            return;
        }
        out.println("   stopping " + process.name() + " (pid " + process.pid() + ") ...");
        boolean clean = process.stop(GRACE);
        if (!clean) {
            out.println("   " + process.name() + " did not stop within " + GRACE.toSeconds() + " s and was killed");
        }
    }
}
