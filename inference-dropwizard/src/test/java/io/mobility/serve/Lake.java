package io.mobility.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A private copy of the test lake (models, feature and monitoring snapshots) that a test may change. */
public final class Lake {

    /** Every copy made in this JVM: no answer of the service may name one (see {@link #assertNotNamedIn}). */
    private static final Set<String> COPIES = ConcurrentHashMap.newKeySet();

    private Lake() {}

    /** Fails when {@code text} (an error answer) carries the absolute path of a test lake. */
    public static void assertNotNamedIn(String text) {
        for (String copy : COPIES) {
            if (text.contains(copy)) {
                throw new AssertionError("an answer names the lake's path " + copy + ": " + text);
            }
        }
    }

    public static Path copy() {
        return copy("/lake", file -> true);
    }

    /** A private copy of the lake under test resource {@code resource}, with the files {@code include} accepts. */
    public static Path copy(String resource, Predicate<Path> include) {
        try {
            Path source = Paths.get(Lake.class.getResource(resource).toURI());
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            Path target = Files.createTempDirectory(base, resource.replace("/", ""));
            COPIES.add(target.toAbsolutePath().toString());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else if (include.test(file)) {
                        Files.copy(file, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
