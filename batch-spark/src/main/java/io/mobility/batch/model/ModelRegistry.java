package io.mobility.batch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.lake.LakeFiles;
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
 * version. Trainers write and promote, scoring and monitoring read, all through {@link LakeFiles} (Hadoop file
 * systems: a local path, hdfs:// or s3a://). A version is written under a temporary name and renamed when complete;
 * {@code current} is replaced by a rename too, so a reader following it never sees half a model (on S3 renames are
 * copies: see {@link LakeFiles}).
 */
public final class ModelRegistry {

    public static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final LakeFiles files;

    /** @param root the {@code models} directory (a path or a Hadoop URI) */
    public ModelRegistry(String root, LakeFiles files) {
        this.root = root;
        this.files = files;
    }

    public static ModelRegistry inLake(Lake lake, LakeFiles files) {
        return new ModelRegistry(lake.layer("models"), files);
    }

    public String directory(String name, String version) {
        return root + "/" + name + "/" + version;
    }

    /**
     * A version named after {@code trainedAt} (UTC seconds); when that name is taken (two trainings in one second)
     * the next free second is used, so versions stay unique and sorted by training time without waiting.
     */
    public String newVersion(String name, Instant trainedAt) {
        Instant at = trainedAt.truncatedTo(ChronoUnit.SECONDS);
        while (files.exists(directory(name, VERSION.format(at))) || files.exists(temporary(name, VERSION.format(at)))) {
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
        files.deleteRecursively(tmp); // the leftover of a run that died before publishing
        writer.accept(tmp);
        files.write(tmp + "/model.json", json(modelJson, false));
        files.write(tmp + "/metadata.json", json(metadata, true));
        files.publishDirectory(tmp, target);
        return target;
    }

    /** The promoted version, if any. */
    public Optional<String> current(String name) {
        return files.readText(root + "/" + name + "/current").map(String::trim).filter(v -> !v.isEmpty());
    }

    public void promote(String name, String version) {
        if (!files.exists(directory(name, version) + "/metadata.json")) {
            throw new IllegalArgumentException("model " + name + " has no version " + version + " under " + root);
        }
        files.writeAtomically(root + "/" + name + "/current", (version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A version's metadata.json as written; the version must exist. */
    public ObjectNode metadata(String name, String version) {
        String path = directory(name, version) + "/metadata.json";
        String text = files.readText(path).orElseThrow(() -> new IllegalArgumentException(
                "model " + name + " has no version " + version + " (no " + path + ")"));
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** What monitoring needs of a version's metadata, or empty when its directory (or metadata.json) is gone. */
    public Optional<ModelMetadata> describe(String name, String version) {
        String path = directory(name, version) + "/metadata.json";
        return files.readText(path).map(json -> ModelMetadata.parse(path, json));
    }

    /** Rewrites a version's metadata.json (its promotion outcome) atomically. */
    public void updateMetadata(String name, String version, JsonNode metadata) {
        files.writeAtomically(directory(name, version) + "/metadata.json", json(metadata, true));
    }

    public String sparkModelPath(String name, String version) {
        return directory(name, version) + "/spark";
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
