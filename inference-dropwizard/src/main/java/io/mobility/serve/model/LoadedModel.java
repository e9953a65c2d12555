package io.mobility.serve.model;

import io.mobility.lake.ModelMetadata;
import java.nio.file.Path;
import java.time.Instant;

/** One model version in memory: immutable, so a request that holds it is unaffected by a later swap. */
public record LoadedModel(ModelMetadata metadata, TreeEnsemble ensemble, Path directory, Instant loadedAt) {

    public String name() {
        return metadata.name();
    }

    public String version() {
        return metadata.version();
    }

    /** The capped prediction for a feature vector in {@code metadata.features} order. */
    public double predict(double[] features) {
        return metadata.cap(ensemble.predict(features));
    }
}
