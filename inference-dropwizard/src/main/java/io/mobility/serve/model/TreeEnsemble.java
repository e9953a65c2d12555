package io.mobility.serve.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.lake.LakeFormatException;
import io.mobility.lake.ModelRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A tree ensemble exported as {@code model.json} (docs/model-format.md), evaluated without Spark.
 * Nodes live in flat arrays so that a prediction walks primitive arrays only (a few microseconds a row).
 */
public final class TreeEnsemble {

    public static final String FORMAT = ModelRegistry.TREE_ENSEMBLE_FORMAT;

    private final String algorithm;
    private final int numFeatures;
    private final boolean mean;
    private final Tree[] trees;

    private TreeEnsemble(String algorithm, int numFeatures, boolean mean, Tree[] trees) {
        this.algorithm = algorithm;
        this.numFeatures = numFeatures;
        this.mean = mean;
        this.trees = trees;
    }

    public String algorithm() {
        return algorithm;
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numTrees() {
        return trees.length;
    }

    public double predict(double[] features) {
        if (features.length != numFeatures) {
            throw new IllegalArgumentException("expected " + numFeatures + " features, got " + features.length);
        }
        double sum = 0.0;
        for (Tree tree : trees) {
            sum += tree.weight * tree.evaluate(features);
        }
        return mean ? sum / trees.length : sum;
    }

    /** Parses {@code model.json}; every structural problem names the tree and node at fault. */
    public static TreeEnsemble parse(JsonNode root) {
        String format = text(root, "format", "model");
        if (!FORMAT.equals(format)) {
            throw new LakeFormatException("model.format is '" + format + "', expected '" + FORMAT + "'");
        }
        String algorithm = text(root, "algorithm", "model");
        if (!List.of("gbt_regressor", "random_forest_regressor", "decision_tree_regressor")
                .contains(algorithm)) {
            throw new LakeFormatException("model.algorithm '" + algorithm + "' is not supported");
        }
        int numFeatures = root.path("num_features").asInt(-1);
        if (numFeatures < 1) {
            throw new LakeFormatException("model.num_features must be a positive integer");
        }
        String aggregation = text(root, "aggregation", "model");
        boolean mean = switch (aggregation) {
            case "weighted_sum" -> false;
            case "mean" -> true;
            default -> throw new LakeFormatException("model.aggregation '" + aggregation + "' is not supported");
        };
        JsonNode treesNode = root.path("trees");
        if (!treesNode.isArray() || treesNode.isEmpty()) {
            throw new LakeFormatException("model.trees must be a non-empty array");
        }
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < treesNode.size(); t++) {
            trees.add(Tree.parse(treesNode.get(t), t, numFeatures));
        }
        return new TreeEnsemble(algorithm, numFeatures, mean, trees.toArray(Tree[]::new));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new LakeFormatException(where + "." + field + " is missing or not a string");
        }
        return value.asText();
    }

    /** One tree as parallel arrays indexed by node id. */
    private static final class Tree {
        private final double weight;
        private final int[] feature; // -1 for a leaf
        private final double[] threshold; // continuous split, or the leaf value for a leaf
        private final double[][] categoriesLeft; // non-null for a categorical split
        private final int[] left;
        private final int[] right;

        private Tree(
                double weight, int[] feature, double[] threshold, double[][] categoriesLeft, int[] left, int[] right) {
            this.weight = weight;
            this.feature = feature;
            this.threshold = threshold;
            this.categoriesLeft = categoriesLeft;
            this.left = left;
            this.right = right;
        }

        double evaluate(double[] x) {
            int node = 0;
            while (feature[node] >= 0) {
                double value = x[feature[node]];
                double[] categories = categoriesLeft[node];
                boolean goLeft;
                if (categories == null) {
                    // NaN compares false, so missing values go right, as in Spark.
                    goLeft = value <= threshold[node];
                } else {
                    goLeft = false;
                    for (double c : categories) {
                        if (c == value) {
                            goLeft = true;
                            break;
                        }
                    }
                }
                node = goLeft ? left[node] : right[node];
            }
            return threshold[node];
        }

        static Tree parse(JsonNode tree, int t, int numFeatures) {
            String where = "model.trees[" + t + "]";
            JsonNode weightNode = tree.path("weight");
            if (!weightNode.isNumber()) {
                throw new LakeFormatException(where + ".weight is missing or not a number");
            }
            JsonNode nodes = tree.path("nodes");
            if (!nodes.isArray() || nodes.isEmpty()) {
                throw new LakeFormatException(where + ".nodes must be a non-empty array");
            }
            int n = nodes.size();
            int[] feature = new int[n];
            double[] threshold = new double[n];
            double[][] categories = new double[n][];
            int[] left = new int[n];
            int[] right = new int[n];
            for (int i = 0; i < n; i++) {
                JsonNode node = nodes.get(i);
                String at = where + ".nodes[" + i + "]";
                if (node.has("id") && node.get("id").asInt(-1) != i) {
                    throw new LakeFormatException(at + ".id is " + node.get("id") + ", expected its position " + i);
                }
                if (node.has("leaf")) {
                    if (!node.get("leaf").isNumber()) {
                        throw new LakeFormatException(at + ".leaf is not a number");
                    }
                    feature[i] = -1;
                    threshold[i] = node.get("leaf").asDouble();
                    continue;
                }
                feature[i] = node.path("feature").asInt(-1);
                if (!node.path("feature").isInt() || feature[i] < 0 || feature[i] >= numFeatures) {
                    throw new LakeFormatException(at + ".feature must be an index below num_features " + numFeatures);
                }
                left[i] = child(node, "left", at, i, n);
                right[i] = child(node, "right", at, i, n);
                if (node.has("threshold") && node.get("threshold").isNumber()) {
                    threshold[i] = node.get("threshold").asDouble();
                } else if (node.path("categories_left").isArray()) {
                    JsonNode cats = node.get("categories_left");
                    categories[i] = new double[cats.size()];
                    for (int c = 0; c < cats.size(); c++) {
                        categories[i][c] = cats.get(c).asDouble();
                    }
                } else {
                    throw new LakeFormatException(at + " has neither a numeric threshold nor categories_left");
                }
            }
            return new Tree(weightNode.asDouble(), feature, threshold, categories, left, right);
        }

        private static int child(JsonNode node, String field, String at, int self, int n) {
            JsonNode value = node.path(field);
            // Children come after their parent in Spark's pre-order export, which also rules out cycles.
            if (!value.isInt() || value.asInt() <= self || value.asInt() >= n) {
                throw new LakeFormatException(
                        at + "." + field + " must be a node id after " + self + " and below " + n);
            }
            return value.asInt();
        }
    }
}
