package io.mobility.serve.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON file the batch layer exports (and replaces atomically), held parsed in memory and re-read when its
 * modification time changes. A file that fails to parse leaves the previous content serving.
 */
public final class ExportedFile<T> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportedFile.class);

    private final Path path;
    private final ObjectMapper mapper;
    private final Function<JsonNode, T> parser;
    private final AtomicReference<T> content = new AtomicReference<>();
    private volatile FileTime seen;
    private volatile String problem;

    public ExportedFile(Path path, ObjectMapper mapper, Function<JsonNode, T> parser) {
        this.path = path;
        this.mapper = mapper;
        this.parser = parser;
    }

    public Path path() {
        return path;
    }

    public Optional<T> current() {
        return Optional.ofNullable(content.get());
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Re-reads the file if it changed since the last read. */
    @Override
    public void run() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (modified.equals(seen)) {
                return;
            }
            T parsed = parser.apply(mapper.readTree(path.toFile()));
            content.set(parsed);
            seen = modified;
            problem = null;
            LOG.info("Loaded {}", path);
        } catch (NoSuchFileException e) {
            fail(path + " does not exist");
        } catch (IOException | RuntimeException e) {
            fail(path + ": " + e.getMessage());
        }
    }

    private void fail(String message) {
        if (!message.equals(problem)) {
            LOG.warn("{}", message);
        }
        problem = message;
    }
}
