package io.mobility.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A private copy of the test lake (models, feature and monitoring snapshots) that a test may change. */
public final class Lake {

    private Lake() {
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
