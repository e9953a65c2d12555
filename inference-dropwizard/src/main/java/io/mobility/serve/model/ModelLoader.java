package io.mobility.serve.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.lake.LakeFormatException;
import io.mobility.lake.ModelMetadata;
import io.mobility.lake.ModelRegistry;
import java.io.IOException;
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
        Path metadataFile = versionDir.resolve(ModelRegistry.METADATA_FILE);
        ModelMetadata metadata = ModelMetadata.parse(metadataFile.toString(), read(metadataFile))
                .requireIdentity(metadataFile.toString());
        TreeEnsemble ensemble = TreeEnsemble.parse(read(versionDir.resolve(ModelRegistry.MODEL_FILE)));
        if (!metadata.name().equals(expectedName)) {
            throw new LakeFormatException(versionDir + ": metadata.name is '" + metadata.name()
                    + "' but the model lives under '" + expectedName + "'");
        }
        if (!metadata.version().equals(versionDir.getFileName().toString())) {
            throw new LakeFormatException(versionDir + ": metadata.version is '" + metadata.version()
                    + "' but the directory is '" + versionDir.getFileName() + "'");
        }
        if (metadata.features().size() != ensemble.numFeatures()) {
            throw new LakeFormatException(versionDir + ": metadata lists " + metadata.features().size()
                    + " features but model.num_features is " + ensemble.numFeatures());
        }
        return new LoadedModel(metadata, ensemble, versionDir, clock.instant());
    }

    private JsonNode read(Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new LakeFormatException(file + " cannot be read as JSON: " + e.getMessage(), e);
        }
    }
}
