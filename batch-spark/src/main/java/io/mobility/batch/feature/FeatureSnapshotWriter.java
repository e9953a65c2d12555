package io.mobility.batch.feature;

import io.mobility.batch.lake.LakeFiles;
import io.mobility.lake.FeatureSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Writes the {@link FeatureSnapshot} ({@code <lake>/features/snapshot/latest.json}, docs/model-format.md) from Spark
 * rows: for every zone, the feature row of the hour after the last observed one, which the service uses for online
 * demand predictions.
 */
public final class FeatureSnapshotWriter {

    private FeatureSnapshotWriter() {}

    /** The snapshot of a lake on the local disk (tests, the export fixture). */
    public static Path path(String lakeRoot) {
        return Path.of(FeatureSnapshot.location(lakeRoot));
    }

    /** @param rows feature rows with zone_id, zone_name and every column of {@code features} */
    public static String write(
            LakeFiles files, String lakeRoot, List<Row> rows, List<String> features, Instant lastObserved) {
        Map<String, FeatureSnapshot.ZoneFeatures> zones = new LinkedHashMap<>();
        for (Row row : rows) {
            double[] values = new double[features.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = row.getAs(features.get(i));
                values[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
            }
            String zoneId = row.getAs("zone_id");
            zones.put(zoneId, new FeatureSnapshot.ZoneFeatures(zoneId, row.getAs("zone_name"), values));
        }
        FeatureSnapshot snapshot = new FeatureSnapshot(
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                lastObserved,
                lastObserved.plus(1, ChronoUnit.HOURS),
                List.copyOf(features),
                zones);
        String target = FeatureSnapshot.location(lakeRoot);
        files.writeAtomically(target, snapshot.render());
        return target;
    }
}
