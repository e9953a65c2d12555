package io.mobility.batch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.ml.regression.GBTRegressionModel;

/** The {@code spark/} directory of a model version: the model as MLlib saves and loads it. */
public final class SparkModels {

    private SparkModels() {
    }

    public static void save(GBTRegressionModel model, Path versionDir) {
        try {
            model.write().overwrite().save(versionDir.resolve("spark").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the Spark model under " + versionDir, e);
        }
    }
}
