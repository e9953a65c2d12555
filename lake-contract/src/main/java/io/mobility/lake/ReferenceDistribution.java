package io.mobility.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * A feature's training distribution for drift monitoring (docs/model-format.md): 11 decile edges (nearest rank over
 * the non-missing values; the first is the minimum, the last the maximum), the share of ALL rows in each bin
 * ({@code edges[i] <= x < edges[i+1]}, the last bin closed) and the share of rows missing, so that the ten fractions
 * plus {@code missing_fraction} add up to 1 — the explicit missing bin of the PSI. The trainer computes it
 * ({@link #of(double[])}), monitoring reads it back ({@link #fromJson}, {@link #fromMetadata}).
 */
public record ReferenceDistribution(double[] edges, double[] fractions, double missingFraction) {

    public static final int BINS = 10;
    /** Bin index of a missing (null or NaN) value. */
    public static final int MISSING_BIN = -1;

    private static final double TOLERANCE = 1e-3;

    /** @param values one value per training row, NaN for missing */
    public static ReferenceDistribution of(double[] values) {
        double[] present =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = values.length;
        double[] edges = new double[BINS + 1];
        double[] fractions = new double[BINS];
        if (present.length == 0) {
            return new ReferenceDistribution(edges, fractions, n == 0 ? 0.0 : 1.0);
        }
        for (int i = 0; i <= BINS; i++) {
            edges[i] = present[(int) Math.round((double) i / BINS * (present.length - 1))];
        }
        long[] counts = new long[BINS];
        for (double v : present) {
            counts[bin(edges, v)]++;
        }
        for (int i = 0; i < BINS; i++) {
            fractions[i] = (double) counts[i] / n;
        }
        return new ReferenceDistribution(edges, fractions, (double) (n - present.length) / n);
    }

    /** One entry of {@code reference_distributions}; {@code where} names the file and feature in errors. */
    public static ReferenceDistribution fromJson(String where, JsonNode node) {
        return fromMetadata(
                where,
                numbers(where, node, "edges"),
                numbers(where, node, "fractions"),
                number(where, node, "missing_fraction"));
    }

    /**
     * Validates and normalises what a metadata file says; {@code where} names the file and feature in errors.
     * Fractions that add up to 1 on their own (shares of the present values) are scaled by the present share,
     * so that both conventions give the same reference.
     */
    public static ReferenceDistribution fromMetadata(
            String where, double[] edges, double[] fractions, double missingFraction) {
        if (edges == null || edges.length != BINS + 1) {
            throw new LakeFormatException(where + ": 'edges' must hold " + (BINS + 1) + " numbers, got "
                    + (edges == null ? "none" : edges.length));
        }
        if (fractions == null || fractions.length != BINS) {
            throw new LakeFormatException(where + ": 'fractions' must hold " + BINS + " numbers, got "
                    + (fractions == null ? "none" : fractions.length));
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] >= edges[i - 1])) {
                throw new LakeFormatException(where + ": 'edges' must not decrease, but edges[" + i + "] = " + edges[i]
                        + " < edges[" + (i - 1) + "] = " + edges[i - 1]);
            }
        }
        if (!(missingFraction >= 0 && missingFraction <= 1)) {
            throw new LakeFormatException(where + ": 'missing_fraction' must be within [0, 1], got " + missingFraction);
        }
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0)) {
                throw new LakeFormatException(where + ": 'fractions[" + i + "]' must be >= 0, got " + fractions[i]);
            }
            sum += fractions[i];
        }
        double[] shares = fractions.clone();
        if (Math.abs(sum + missingFraction - 1) > TOLERANCE) {
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new LakeFormatException(where + ": 'fractions' (sum " + sum + ") plus 'missing_fraction' ("
                        + missingFraction + ") must add up to 1");
            }
            for (int i = 0; i < shares.length; i++) {
                shares[i] *= 1 - missingFraction;
            }
        }
        return new ReferenceDistribution(edges.clone(), shares, missingFraction);
    }

    /** The bin of a value inside [edges[0], edges[10]]: the last i with edges[i] <= v, the top edge in the last bin. */
    public static int bin(double[] edges, double v) {
        for (int i = BINS - 1; i >= 0; i--) {
            if (edges[i] <= v) {
                return i;
            }
        }
        return 0;
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Arrays.stream(edges).forEach(node.putArray("edges")::add);
        Arrays.stream(fractions).forEach(node.putArray("fractions")::add);
        node.put("missing_fraction", missingFraction);
        return node;
    }

    private static double[] numbers(String where, JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new LakeFormatException(where + ": '" + field + "' must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new LakeFormatException(where + ": '" + field + "[" + i + "]' is not a number: " + array.get(i));
            }
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double number(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new LakeFormatException(where + ": '" + field + "' must be a number");
        }
        return value.asDouble();
    }
}
