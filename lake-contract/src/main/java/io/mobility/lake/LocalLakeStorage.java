package io.mobility.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link LakeStorage} on the local disk (or a mounted one): plain paths, POSIX renames. */
public final class LocalLakeStorage implements LakeStorage {

    /**
     * The atomic write of an exported file: the content goes to the hidden sibling {@code .<name>.tmp}, which is then
     * renamed over the target in one step, so that a reader (the inference service) sees the old file or the new one.
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public Optional<String> readText(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public void write(String path, byte[] content) {
        try {
            Path p = Path.of(path);
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public void writeAtomically(String path, byte[] content) {
        try {
            replace(Path.of(path), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public void deleteRecursively(String path) {
        Path root = Path.of(path);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    @Override
    public void publishDirectory(String written, String target) {
        try {
            Files.move(Path.of(written), Path.of(target), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("cannot publish " + written + ": " + target + " already exists", e);
        } catch (IOException e) {
            if (Files.exists(Path.of(target))) {
                // POSIX rename onto a non-empty directory fails with "directory not empty" rather than "exists".
                throw new IllegalStateException("cannot publish " + written + ": " + target + " already exists", e);
            }
            throw new UncheckedIOException("cannot rename " + written + " to " + target, e);
        }
    }
}
