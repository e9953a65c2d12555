package io.mobility.batch.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.lake.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.tree.CategoricalSplit;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.LeafNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;

/**
 * Spark tree models -> {@code model.json} (docs/model-format.md, format {@code mobility-tree-ensemble/1}): nodes
 * numbered in pre-order (a child always after its parent), continuous splits go left when {@code x <= threshold},
 * categorical splits list the categories that go left, leaves carry their prediction.
 */
public final class TreeEnsembleExporter {

    public static final String FORMAT = ModelRegistry.TREE_ENSEMBLE_FORMAT;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TreeEnsembleExporter() {}

    public static ObjectNode export(GBTRegressionModel model) {
        return ensemble("gbt_regressor", "weighted_sum", model.numFeatures(), model.trees(), model.treeWeights());
    }

    public static ObjectNode export(RandomForestRegressionModel model) {
        DecisionTreeRegressionModel[] trees = model.trees();
        double[] weights = new double[trees.length];
        java.util.Arrays.fill(weights, 1.0);
        return ensemble("random_forest_regressor", "mean", model.numFeatures(), trees, weights);
    }

    public static ObjectNode export(DecisionTreeRegressionModel model) {
        return ensemble(
                "decision_tree_regressor",
                "weighted_sum",
                model.numFeatures(),
                new DecisionTreeRegressionModel[] {model},
                new double[] {1.0});
    }

    private static ObjectNode ensemble(
            String algorithm,
            String aggregation,
            int numFeatures,
            DecisionTreeRegressionModel[] trees,
            double[] weights) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("algorithm", algorithm);
        root.put("num_features", numFeatures);
        root.put("aggregation", aggregation);
        ArrayNode treeArray = root.putArray("trees");
        for (int t = 0; t < trees.length; t++) {
            ObjectNode tree = treeArray.addObject();
            tree.put("weight", weights[t]);
            ArrayNode nodes = tree.putArray("nodes");
            List<ObjectNode> flat = new ArrayList<>();
            number(trees[t].rootNode(), flat);
            flat.forEach(nodes::add);
        }
        return root;
    }

    /** Appends {@code node} and its subtree in pre-order; returns the node's id. */
    private static int number(Node node, List<ObjectNode> out) {
        int id = out.size();
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id);
        out.add(json);
        if (node instanceof LeafNode leaf) {
            json.put("leaf", leaf.prediction());
            return id;
        }
        InternalNode internal = (InternalNode) node;
        Split split = internal.split();
        json.put("feature", split.featureIndex());
        if (split instanceof ContinuousSplit continuous) {
            json.put("threshold", continuous.threshold());
        } else if (split instanceof CategoricalSplit categorical) {
            ArrayNode left = json.putArray("categories_left");
            for (double c : categorical.leftCategories()) {
                left.add(c);
            }
        } else {
            throw new IllegalArgumentException(
                    "unsupported split type " + split.getClass().getName());
        }
        json.put("left", number(internal.leftChild(), out));
        json.put("right", number(internal.rightChild(), out));
        return id;
    }
}
