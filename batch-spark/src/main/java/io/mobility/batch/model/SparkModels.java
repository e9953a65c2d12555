package io.mobility.batch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.regression.GBTRegressionModel;

/** The {@code spark/} directory of a model version: the model as MLlib saves and loads it. */
public final class SparkModels {

    private SparkModels() {}

    /** @param versionDir the version's directory, a path or a Hadoop URI */
    public static void save(GBTRegressionModel model, String versionDir) {
        try {
            model.write().overwrite().save(versionDir + "/spark");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the Spark model under " + versionDir, e);
        }
    }
}
