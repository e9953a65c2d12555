package io.mobility.batch.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Feature columns -> vector -> capped prediction, as the service does it: the vector follows the model's feature
 * order, a null feature becomes NaN (VectorAssembler handleInvalid "keep"), and the output is clamped to the
 * model's {@code output.min}/{@code output.max}.
 */
public final class TreePredictions {

    public static final String FEATURES = "features";
    public static final String PREDICTION = "prediction";

    private TreePredictions() {}

    public static VectorAssembler assembler(List<String> features) {
        return new VectorAssembler()
                .setInputCols(features.toArray(String[]::new))
                .setOutputCol(FEATURES)
                .setHandleInvalid("keep");
    }

    /** Adds {@code prediction} (capped) to {@code rows}; {@code min}/{@code max} may be null (no bound). */
    public static Dataset<Row> predict(
            GBTRegressionModel model, List<String> features, Dataset<Row> rows, Double min, Double max) {
        Dataset<Row> raw = model.setFeaturesCol(FEATURES)
                .setPredictionCol("raw_prediction")
                .transform(assembler(features).transform(rows));
        Column p = col("raw_prediction");
        if (min != null) {
            p = greatest(p, lit(min));
        }
        if (max != null) {
            p = least(p, lit(max));
        }
        return raw.withColumn(PREDICTION, p).drop("raw_prediction", FEATURES);
    }
}
