package io.mobility.batch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The model registry on disk (docs/model-format.md): {@code <lake>/models/<name>/<version>/} with {@code spark/},
 * {@code model.json} and {@code metadata.json}, and {@code <lake>/models/<name>/current} naming the promoted
 * version. A version is written under a temporary name and renamed when complete; {@code current} is replaced by a
 * rename too, so a reader following it never sees half a model. Local file systems only.
 */
public final class ModelRegistry {

    public static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public ModelRegistry(Path root) {
        this.root = root;
    }

    public static ModelRegistry inLake(String lakeRoot) {
        return new ModelRegistry(Path.of(lakeRoot, "models"));
    }

    public Path directory(String name, String version) {
        return root.resolve(name).resolve(version);
    }

    /** A version named after {@code trainedAt} (UTC seconds), one second later per clash with an existing one. */
    public String newVersion(String name, Instant trainedAt) {
        Instant at = trainedAt.truncatedTo(ChronoUnit.SECONDS);
        while (Files.exists(directory(name, VERSION.format(at)))) {
            at = at.plusSeconds(1);
        }
        return VERSION.format(at);
    }

    /**
     * Writes a version: {@code writer} fills a temporary directory (the Spark model goes to its {@code spark/}),
     * then model.json and metadata.json are added and the directory renamed to the version.
     */
    public Path publish(String name, String version, Consumer<Path> writer, JsonNode modelJson, JsonNode metadata) {
        Path target = directory(name, version);
        Path tmp = root.resolve(name).resolve("." + version + ".tmp");
        try {
            Files.createDirectories(tmp);
            writer.accept(tmp);
            Files.writeString(tmp.resolve("model.json"), JSON.writeValueAsString(modelJson), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("metadata.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metadata),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + name + "/" + version + " to " + tmp, e);
        }
        AtomicFiles.publishDirectory(tmp, target);
        return target;
    }

    /** The promoted version, if any. */
    public Optional<String> current(String name) {
        Path pointer = root.resolve(name).resolve("current");
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            String version = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            return version.isEmpty() ? Optional.empty() : Optional.of(version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    public void promote(String name, String version) {
        if (!Files.isDirectory(directory(name, version))) {
            throw new IllegalArgumentException("model " + name + " has no version " + version + " under " + root);
        }
        AtomicFiles.writeString(root.resolve(name).resolve("current"), version + "\n");
    }

    public ObjectNode metadata(String name, String version) {
        Path file = directory(name, version).resolve("metadata.json");
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Rewrites a version's metadata.json (its promotion outcome) atomically. */
    public void updateMetadata(String name, String version, JsonNode metadata) {
        try {
            AtomicFiles.writeString(directory(name, version).resolve("metadata.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sparkModelPath(String name, String version) {
        return directory(name, version).resolve("spark").toString();
    }
}
