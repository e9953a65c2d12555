package io.mobility.serve.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.lake.LakeFormatException;
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
 *
 * <p>A failure is logged with the path; {@link #problem}, which answers and health checks show, names the file by
 * what it is ("feature snapshot"), never by its path.
 */
public final class ExportedFile<T> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportedFile.class);

    private final Path path;
    private final String what;
    private final ObjectMapper mapper;
    private final Function<JsonNode, T> parser;
    private final AtomicReference<T> content = new AtomicReference<>();
    private volatile FileTime seen;
    private volatile String problem;

    /** @param what the file as users know it, e.g. "feature snapshot"; its parser's errors start with it too */
    public ExportedFile(Path path, String what, ObjectMapper mapper, Function<JsonNode, T> parser) {
        this.path = path;
        this.what = what;
        this.mapper = mapper;
        this.parser = parser;
    }

    public Path path() {
        return path;
    }

    public Optional<T> current() {
        return Optional.ofNullable(content.get());
    }

    /** Why the file is not (or no longer) read; names no file-system path. */
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
            fail("the " + what + " has not been exported yet", path + " does not exist");
        } catch (JsonProcessingException e) {
            fail("the " + what + " is not valid JSON", path + ": " + e.getMessage());
        } catch (LakeFormatException e) {
            // the parsers are given the JSON, not the path: their messages name fields only
            fail(e.getMessage(), path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail("the " + what + " cannot be read (the service's log has the cause)", path + ": " + e);
        }
    }

    /** {@code message} is kept for answers; {@code detail}, naming the path, goes to the log (once per change). */
    private void fail(String message, String detail) {
        if (!message.equals(problem)) {
            LOG.warn("{}", detail);
        }
        problem = message;
    }
}
