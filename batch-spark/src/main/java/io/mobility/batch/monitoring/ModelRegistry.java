package io.mobility.batch.monitoring;

import io.mobility.batch.lake.Lake;
import java.util.Optional;

/** Reads {@code <lake>/models/<name>/}: the promoted version ({@code current}) and each version's metadata.json. */
public final class ModelRegistry {

    private final Lake lake;
    private final LakeFiles files;

    public ModelRegistry(Lake lake, LakeFiles files) {
        this.lake = lake;
        this.files = files;
    }

    public Optional<String> currentVersion(String model) {
        return files.readText(modelDir(model) + "/current").map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The version's metadata, or empty when its directory (or metadata.json) is gone. */
    public Optional<ModelMetadata> metadata(String model, String version) {
        String path = modelDir(model) + "/" + version + "/metadata.json";
        return files.readText(path).map(json -> ModelMetadata.parse(path, json));
    }

    private String modelDir(String model) {
        return lake.layer("models") + "/" + model;
    }
}
