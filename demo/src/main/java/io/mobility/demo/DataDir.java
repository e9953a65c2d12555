package io.mobility.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's data directory and the rule for running again: a directory whose history was fully simulated is
 * resumed (the same topics, lake, connectors and streams state; no history simulated twice); one whose history was
 * cut short is started fresh, since sending that history again would duplicate it; one simulated at another scale is
 * refused rather than mixing two cities.
 */
public final class DataDir {

    private final Path root;

    public DataDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path lake() {
        return root.resolve("lake");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path connect() {
        return root.resolve("connect");
    }

    public Path streamsState() {
        return root.resolve("streams");
    }

    public Path backfillManifest() {
        return root.resolve("simulator").resolve("backfill-manifest.json");
    }

    public Path liveManifest(int run) {
        return root.resolve("simulator").resolve("live-" + run + "-manifest.json");
    }

    private Path scaleFile() {
        return root.resolve("scale.txt");
    }

    /** Prepares the directory for a run; returns true when it resumes an earlier one. */
    public boolean prepare(boolean fresh, String scale, PrintStream out) {
        try {
            if (fresh && Files.exists(root)) {
                out.println("   --fresh: deleting " + root);
                delete(root);
            }
            if (Files.exists(scaleFile())) {
                String previous = Files.readString(scaleFile()).trim();
                if (!previous.equals(scale)) {
                    throw new IllegalArgumentException("the data directory " + root + " holds a city simulated with "
                            + previous + ", not " + scale + ": add --fresh to start over, or use another --data-dir");
                }
            }
            boolean started = Files.exists(kafka());
            if (started && !Files.exists(backfillManifest())) {
                out.println("   the previous run stopped before its history was fully simulated: starting fresh");
                delete(root);
                started = false;
            }
            Files.createDirectories(logs());
            Files.writeString(scaleFile(), scale + System.lineSeparator());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + root, e);
        }
    }

    /** The number of the next live trickle run: each gets its own seed, hence its own ride ids. */
    public int nextLiveRun() {
        int run = 1;
        while (Files.exists(liveManifest(run)) || Files.exists(liveMarker(run))) {
            run++;
        }
        try {
            Files.createDirectories(liveMarker(run).getParent());
            Files.writeString(liveMarker(run), "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + liveMarker(run), e);
        }
        return run;
    }

    private Path liveMarker(int run) {
        return root.resolve("simulator").resolve("live-" + run + ".started");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
