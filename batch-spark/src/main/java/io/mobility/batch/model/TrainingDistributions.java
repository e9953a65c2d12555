package io.mobility.batch.model;

import io.mobility.lake.ReferenceDistribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** The training rows' {@link ReferenceDistribution} of every feature, for a version's metadata.json. */
public final class TrainingDistributions {

    private TrainingDistributions() {}

    /** Every feature's distribution over {@code rows}, computed on the driver (a few values per training row). */
    public static Map<String, ReferenceDistribution> of(Dataset<Row> rows, List<String> features) {
        List<Row> collected = rows.select(features.stream().map(functions::col).toArray(Column[]::new))
                .collectAsList();
        Map<String, ReferenceDistribution> out = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            double[] values = new double[collected.size()];
            for (int r = 0; r < values.length; r++) {
                Row row = collected.get(r);
                values[r] = row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
            }
            out.put(features.get(i), ReferenceDistribution.of(values));
        }
        return out;
    }
}
