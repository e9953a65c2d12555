package io.mobility.serve.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.lake.LakeFormatException;
import io.mobility.lake.ModelMetadata;
import io.mobility.lake.ModelRegistry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads one version directory ({@code model.json} + {@code metadata.json}) and checks that the two agree. Its
 * {@link LakeFormatException}s name the file within the version directory, never the directory: they reach API
 * answers, and the directory is an absolute path of the server (the caller logs it beside the message).
 */
public final class ModelLoader {

    private final ObjectMapper mapper;
    private final Clock clock;

    public ModelLoader(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public LoadedModel load(String expectedName, Path versionDir) {
        String metadataFile = ModelRegistry.METADATA_FILE;
        ModelMetadata metadata = ModelMetadata.parse(metadataFile, read(versionDir, metadataFile))
                .requireIdentity(metadataFile);
        TreeEnsemble ensemble;
        try {
            ensemble = TreeEnsemble.parse(read(versionDir, ModelRegistry.MODEL_FILE));
        } catch (LakeFormatException e) {
            throw new LakeFormatException(ModelRegistry.MODEL_FILE + ": " + e.getMessage(), e);
        }
        if (!metadata.name().equals(expectedName)) {
            throw new LakeFormatException(
                    "metadata.name is '" + metadata.name() + "' but the model lives under '" + expectedName + "'");
        }
        if (!metadata.version().equals(versionDir.getFileName().toString())) {
            throw new LakeFormatException("metadata.version is '" + metadata.version() + "' but the directory is '"
                    + versionDir.getFileName() + "'");
        }
        if (metadata.features().size() != ensemble.numFeatures()) {
            throw new LakeFormatException("metadata lists "
                    + metadata.features().size() + " features but model.num_features is " + ensemble.numFeatures());
        }
        return new LoadedModel(metadata, ensemble, versionDir, clock.instant());
    }

    /** The cause (kept for the log) may name the path; the message does not. */
    private JsonNode read(Path versionDir, String file) {
        try {
            return mapper.readTree(versionDir.resolve(file).toFile());
        } catch (JsonProcessingException e) {
            throw new LakeFormatException(file + " is not valid JSON", e);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new LakeFormatException(file + " does not exist", e);
        } catch (IOException e) {
            throw new LakeFormatException(file + " cannot be read", e);
        }
    }
}
