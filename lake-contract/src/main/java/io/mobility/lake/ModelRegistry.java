package io.mobility.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The model registry (docs/model-format.md): {@code <lake>/models/<name>/<version>/} with {@code spark/},
 * {@code model.json} and {@code metadata.json}, and {@code <lake>/models/<name>/current} naming the promoted
 * version. Trainers write and promote, scoring, monitoring and the service read, all through a {@link LakeStorage}.
 * A version is written under a temporary name and renamed when complete; {@code current} is replaced atomically
 * too, so a reader following it never sees half a model (on S3 renames are copies: see the batch layer's storage).
 */
public final class ModelRegistry {

    public static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The {@code format} of every {@code model.json}. */
    public static final String TREE_ENSEMBLE_FORMAT = "mobility-tree-ensemble/1";

    public static final String MODEL_FILE = "model.json";
    public static final String METADATA_FILE = "metadata.json";
    public static final String CURRENT = "current";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final LakeStorage storage;

    /** @param root the {@code models} directory (a path or a URI the storage understands) */
    public ModelRegistry(String root, LakeStorage storage) {
        this.root = root;
        this.storage = storage;
    }

    public static ModelRegistry inLake(String lakeRoot, LakeStorage storage) {
        return new ModelRegistry(lakeRoot + "/models", storage);
    }

    public String root() {
        return root;
    }

    public String directory(String name, String version) {
        return root + "/" + name + "/" + version;
    }

    /** The file naming the promoted version of {@code name}. */
    public String currentPointer(String name) {
        return root + "/" + name + "/" + CURRENT;
    }

    public String sparkModelPath(String name, String version) {
        return directory(name, version) + "/spark";
    }

    /**
     * A version named after {@code trainedAt} (UTC seconds); when that name is taken (two trainings in one second)
     * the next free second is used, so versions stay unique and sorted by training time without waiting.
     */
    public String newVersion(String name, Instant trainedAt) {
        Instant at = trainedAt.truncatedTo(ChronoUnit.SECONDS);
        while (storage.exists(directory(name, VERSION.format(at)))
                || storage.exists(temporary(name, VERSION.format(at)))) {
            at = at.plusSeconds(1);
        }
        return VERSION.format(at);
    }

    /**
     * Writes a version: {@code writer} fills a temporary directory (given as a path or URI; the Spark model goes to
     * its {@code spark/}), then model.json and metadata.json are added and the directory renamed to the version.
     */
    public String publish(String name, String version, Consumer<String> writer, JsonNode modelJson, JsonNode metadata) {
        String target = directory(name, version);
        String tmp = temporary(name, version);
        storage.deleteRecursively(tmp); // the leftover of a run that died before publishing
        writer.accept(tmp);
        storage.write(tmp + "/" + MODEL_FILE, json(modelJson, false));
        storage.write(tmp + "/" + METADATA_FILE, json(metadata, true));
        storage.publishDirectory(tmp, target);
        return target;
    }

    /**
     * The promoted version, or empty when none was promoted ({@code current} does not exist). A {@code current} that
     * does not name a version, or names one whose directory has no metadata.json, is an error naming both.
     */
    public Optional<String> current(String name) {
        String pointer = currentPointer(name);
        Optional<String> text = storage.readText(pointer);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String version = text.get().trim();
        if (version.isEmpty() || version.contains("/") || version.contains("..")) {
            throw new LakeFormatException(pointer + " does not name a version: '" + version + "'");
        }
        String metadata = directory(name, version) + "/" + METADATA_FILE;
        if (!storage.exists(metadata)) {
            throw new LakeFormatException(
                    pointer + " names version " + version + ", but " + metadata + " does not exist");
        }
        return Optional.of(version);
    }

    /** Points {@code current} at a published version, replacing the pointer atomically. */
    public void promote(String name, String version) {
        if (!storage.exists(directory(name, version) + "/" + METADATA_FILE)) {
            throw new IllegalArgumentException("model " + name + " has no version " + version + " under " + root);
        }
        storage.writeAtomically(currentPointer(name), (version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A version's metadata.json as written; the version must exist. */
    public ObjectNode metadata(String name, String version) {
        String path = directory(name, version) + "/" + METADATA_FILE;
        String text = storage.readText(path)
                .orElseThrow(() -> new IllegalArgumentException(
                        "model " + name + " has no version " + version + " (no " + path + ")"));
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A version's metadata parsed, or empty when its directory (or metadata.json) is gone. */
    public Optional<ModelMetadata> describe(String name, String version) {
        String path = directory(name, version) + "/" + METADATA_FILE;
        return storage.readText(path).map(json -> ModelMetadata.parse(path, json));
    }

    /** Rewrites a version's metadata.json (its promotion outcome) atomically. */
    public void updateMetadata(String name, String version, JsonNode metadata) {
        storage.writeAtomically(directory(name, version) + "/" + METADATA_FILE, json(metadata, true));
    }

    private String temporary(String name, String version) {
        return root + "/" + name + "/." + version + ".tmp";
    }

    private static byte[] json(JsonNode node, boolean pretty) {
        try {
            return (pretty ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer()).writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
