package io.mobility.batch.model;

import io.mobility.batch.BatchOptions;
import org.apache.spark.ml.regression.GBTRegressor;

/**
 * Gradient-boosted trees settings from the command line ({@code --trees}, {@code --depth}, {@code --step-size},
 * {@code --seed}).
 */
public record GbtSettings(int trees, int depth, double stepSize, long seed) {

    public static final int DEFAULT_TREES = 60;
    public static final int DEFAULT_DEPTH = 5;
    public static final double DEFAULT_STEP_SIZE = 0.1;

    public static GbtSettings from(BatchOptions options) {
        int trees = (int) options.longOption("trees", DEFAULT_TREES);
        int depth = (int) options.longOption("depth", DEFAULT_DEPTH);
        double step = options.option("step-size")
                .map(v -> {
                    try {
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("option --step-size must be a number, got '" + v + "'");
                    }
                })
                .orElse(DEFAULT_STEP_SIZE);
        if (trees < 1 || depth < 1 || depth > 30 || !(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("need --trees >= 1, 1 <= --depth <= 30 and 0 < --step-size <= 1; got "
                    + trees + ", " + depth + ", " + step);
        }
        return new GbtSettings(trees, depth, step, options.longOption("seed", 42));
    }

    /** Deterministic: no subsampling, fixed seed, so the same data trains the same model. */
    public GBTRegressor regressor(String label) {
        return new GBTRegressor()
                .setLabelCol(label)
                .setFeaturesCol(TreePredictions.FEATURES)
                .setMaxIter(trees)
                .setMaxDepth(depth)
                .setStepSize(stepSize)
                .setSeed(seed)
                .setSubsamplingRate(1.0);
    }
}
