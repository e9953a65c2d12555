package io.mobility.batch.feature;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.batch.lake.LakeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * {@code <lake>/features/snapshot/latest.json} (docs/model-format.md): for every zone, the feature row of the hour
 * after the last observed one, which the service uses for online demand predictions. {@code as_of_hour} is the last
 * observed hour; {@code for_hour} (extra) is the hour the row's features describe. Missing values are {@code null}.
 */
public final class FeatureSnapshotWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FeatureSnapshotWriter() {
    }

    /** The snapshot of a lake on the local disk (tests, the export fixture). */
    public static Path path(String lakeRoot) {
        return Path.of(lakeRoot, "features", "snapshot", "latest.json");
    }

    /** The snapshot's path or URI, for any lake. */
    public static String location(String lakeRoot) {
        return lakeRoot + "/features/snapshot/latest.json";
    }

    /** @param rows feature rows with zone_id, zone_name and every column of {@code features} */
    public static String write(LakeFiles files, String lakeRoot, List<Row> rows, List<String> features, Instant lastObserved) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("as_of_hour", lastObserved.toString());
        root.put("for_hour", lastObserved.plus(1, ChronoUnit.HOURS).toString());
        ArrayNode names = root.putArray("features");
        features.forEach(names::add);
        ObjectNode zones = root.putObject("zones");
        rows.stream().sorted((a, b) -> a.<String>getAs("zone_id").compareTo(b.getAs("zone_id"))).forEach(row -> {
            ObjectNode zone = zones.putObject(row.getAs("zone_id"));
            zone.put("zone_name", row.<String>getAs("zone_name"));
            ArrayNode values = zone.putArray("values");
            for (String f : features) {
                Object v = row.getAs(f);
                if (v == null || Double.isNaN(((Number) v).doubleValue())) {
                    values.addNull();
                } else {
                    values.add(((Number) v).doubleValue());
                }
            }
        });
        String target = location(lakeRoot);
        files.writeAtomically(target, root.toPrettyString().getBytes(StandardCharsets.UTF_8));
        return target;
    }
}
