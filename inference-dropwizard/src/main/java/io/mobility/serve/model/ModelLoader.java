package io.mobility.serve.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Reads one version directory ({@code model.json} + {@code metadata.json}) and checks that the two agree. */
public final class ModelLoader {

    private final ObjectMapper mapper;
    private final Clock clock;

    public ModelLoader(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public LoadedModel load(String expectedName, Path versionDir) {
        ModelMetadata metadata = ModelMetadata.parse(read(versionDir.resolve("metadata.json")));
        TreeEnsemble ensemble = TreeEnsemble.parse(read(versionDir.resolve("model.json")));
        if (!metadata.name().equals(expectedName)) {
            throw new ModelFormatException(versionDir + ": metadata.name is '" + metadata.name()
                    + "' but the model lives under '" + expectedName + "'");
        }
        if (!metadata.version().equals(versionDir.getFileName().toString())) {
            throw new ModelFormatException(versionDir + ": metadata.version is '" + metadata.version()
                    + "' but the directory is '" + versionDir.getFileName() + "'");
        }
        if (metadata.features().size() != ensemble.numFeatures()) {
            throw new ModelFormatException(versionDir + ": metadata lists " + metadata.features().size()
                    + " features but model.num_features is " + ensemble.numFeatures());
        }
        return new LoadedModel(metadata, ensemble, versionDir, clock.instant());
    }

    private JsonNode read(Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + " cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    /** The version named by {@code <name>/current}, trimmed. */
    public static String currentVersion(Path modelDir) throws IOException {
        String version = Files.readString(modelDir.resolve("current")).trim();
        if (version.isEmpty() || version.contains("/") || version.contains("..")) {
            throw new ModelFormatException(modelDir.resolve("current") + " does not name a version: '" + version + "'");
        }
        return version;
    }
}
