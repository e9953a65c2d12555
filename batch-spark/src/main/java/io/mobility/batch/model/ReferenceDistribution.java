package io.mobility.batch.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * A feature's training distribution for drift monitoring (docs/model-format.md): 11 decile edges (nearest rank over
 * the non-missing values; the first is the minimum, the last the maximum), the share of ALL rows in each bin
 * ({@code edges[i] <= x < edges[i+1]}, the last bin closed) and the share of rows missing, so that the ten fractions
 * plus {@code missing_fraction} add up to 1 — the explicit missing bin of the PSI.
 */
public record ReferenceDistribution(double[] edges, double[] fractions, double missingFraction) {

    public static final int BINS = 10;

    /** @param values one value per training row, NaN for missing */
    public static ReferenceDistribution of(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
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

    /** Every feature's distribution over {@code rows}, computed on the driver (a few values per training row). */
    public static java.util.Map<String, ReferenceDistribution> ofColumns(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows,
                                                                         java.util.List<String> features) {
        java.util.List<org.apache.spark.sql.Row> collected = rows.select(features.stream()
                .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
        java.util.Map<String, ReferenceDistribution> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            double[] values = new double[collected.size()];
            for (int r = 0; r < values.length; r++) {
                org.apache.spark.sql.Row row = collected.get(r);
                values[r] = row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
            }
            out.put(features.get(i), of(values));
        }
        return out;
    }

    /** The bin of a value inside [edges[0], edges[10]]: the last i with edges[i] <= v, the top edge in the last bin. */
    static int bin(double[] edges, double v) {
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
}
