package io.mobility.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** A private copy of the test lake (models, feature and monitoring snapshots) that a test may change. */
public final class Lake {

    private Lake() {
    }

    public static Path copy() {
        try {
            Path source = Paths.get(Lake.class.getResource("/lake").toURI());
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            Path target = Files.createTempDirectory(base, "lake");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
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
