package io.mobility.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests check: surefire passes its root as {@code mobility.repo}. */
final class Repo {

    static final Path ROOT =
            Path.of(System.getProperty("mobility.repo", "..")).toAbsolutePath().normalize();
    static final Path COMPOSE = ROOT.resolve("compose");

    private Repo() {}

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
