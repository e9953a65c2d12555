package io.mobility.batch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.batch.lake.LakeFiles;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.BatchSession;
import io.mobility.batch.Progress;
import io.mobility.batch.demand.DemandTrainer;
import io.mobility.batch.feature.DemandFeatures;
import io.mobility.batch.feature.FeatureSnapshotWriter;
import io.mobility.batch.feature.FeaturesJob;
import io.mobility.batch.lake.Lake;
import io.mobility.batch.model.GbtSettings;
import io.mobility.lake.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the lake fixture with which inference-dropwizard proves it serves exactly what Spark predicts: a small
 * demand model trained here on a simulated city (model.json, metadata.json, current — not the Spark directory), the
 * feature snapshot, and {@code expected.json}: Spark's own {@code GBTRegressionModel.predict} for every zone of the
 * snapshot and each of the next {@code --hours} hours, on the vector the service builds (snapshot values, with the
 * calendar features of the requested hour, docs/model-format.md).
 * <pre>java ... io.mobility.batch.bench.SparkExportFixture --out inference-dropwizard/src/test/resources/spark-export</pre>
 */
public final class SparkExportFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkExportFixture() {
    }

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.contains("--lake")) {
            rest.addAll(List.of("--lake", "target/spark-export-lake"));
        }
        BatchOptions options = BatchOptions.parse(rest);
        Path out = Path.of(options.option("out").orElse("inference-dropwizard/src/test/resources/spark-export")).toAbsolutePath();
        int hours = (int) options.longOption("hours", 120);
        Path root = Path.of(options.lake()).toAbsolutePath();
        // --reuse-lake true keeps a scratch lake whose features are already computed (simulating takes minutes)
        boolean reuse = options.option("reuse-lake").map(Boolean::parseBoolean).orElse(false)
                && Files.exists(FeatureSnapshotWriter.path(root.toString()));
        Lake lake = Lake.at(root.toString());
        Progress progress = Progress.stdout("spark-export");
        SimulatedCity city = null;
        if (!reuse) {
            delete(root);
            city = SimulatedCity.simulate(SimulatedCity.config((int) options.longOption("zones", 10), 5, 12, 11L), null);
        }
        SparkSession spark = BatchSession.create(options);
        try {
            if (city != null) {
                city.writeGold(spark, lake);
                new FeaturesJob().run(spark, lake, options);
            }
            ModelRegistry registry = ModelRegistry.inLake(lake.root(), LakeFiles.of(spark));
            GbtSettings small = new GbtSettings((int) options.longOption("trees", 10), (int) options.longOption("depth", 5), 0.1, 42);
            DemandTrainer.Result result = new DemandTrainer(spark, small, 2, progress).train(lake, registry);
            String version = result.version();
            GBTRegressionModel model = GBTRegressionModel.load(registry.sparkModelPath(DemandTrainer.NAME, version));

            delete(out);
            Path versionDir = out.resolve("models/demand").resolve(version);
            Files.createDirectories(versionDir);
            Path source = Path.of(registry.directory(DemandTrainer.NAME, version));
            Files.copy(source.resolve("model.json"), versionDir.resolve("model.json"));
            Files.copy(source.resolve("metadata.json"), versionDir.resolve("metadata.json"));
            Files.writeString(out.resolve("models/demand/current"), version + "\n");
            Path snapshotFile = out.resolve("features/snapshot/latest.json");
            Files.createDirectories(snapshotFile.getParent());
            Files.copy(FeatureSnapshotWriter.path(lake.root()), snapshotFile, StandardCopyOption.REPLACE_EXISTING);

            JsonNode snapshot = JSON.readTree(snapshotFile.toFile());
            JsonNode metadata = JSON.readTree(versionDir.resolve("metadata.json").toFile());
            List<String> snapshotFeatures = new ArrayList<>();
            snapshot.get("features").forEach(f -> snapshotFeatures.add(f.asText()));
            List<String> modelFeatures = new ArrayList<>();
            metadata.get("features").forEach(f -> modelFeatures.add(f.asText()));
            Instant first = Instant.parse(snapshot.get("for_hour").asText());
            ObjectNode expected = JSON.createObjectNode();
            expected.put("model_version", version);
            expected.put("output_min", metadata.at("/output/min").asDouble());
            ArrayNode cases = expected.putArray("cases");
            for (Iterator<Map.Entry<String, JsonNode>> zones = snapshot.get("zones").fields(); zones.hasNext(); ) {
                Map.Entry<String, JsonNode> zone = zones.next();
                for (int h = 0; h < hours; h++) {
                    Instant hour = first.plusSeconds(3600L * h);
                    double[] x = vector(modelFeatures, snapshotFeatures, zone.getValue().get("values"), hour);
                    ObjectNode c = cases.addObject();
                    c.put("zone_id", zone.getKey());
                    c.put("hour", hour.toString());
                    c.put("spark_prediction", model.predict(Vectors.dense(x)));
                }
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("expected.json").toFile(), expected);
            progress.rows("fixture written to " + out + ", cases", cases.size());
        } finally {
            spark.stop();
        }
    }

    /** The service's vector: calendar features of the requested hour, the rest from the snapshot (null = NaN). */
    static double[] vector(List<String> modelFeatures, List<String> snapshotFeatures, JsonNode values, Instant hour) {
        ZonedDateTime utc = hour.atZone(ZoneOffset.UTC);
        double[] x = new double[modelFeatures.size()];
        for (int i = 0; i < x.length; i++) {
            String name = modelFeatures.get(i);
            x[i] = switch (name) {
                case "hour_of_day" -> utc.getHour();
                case "day_of_week" -> utc.getDayOfWeek().getValue();
                case "is_weekend" -> utc.getDayOfWeek().getValue() >= 6 ? 1.0 : 0.0;
                case "month" -> utc.getMonthValue();
                default -> {
                    JsonNode v = values.get(snapshotFeatures.indexOf(name));
                    yield v.isNull() ? Double.NaN : v.asDouble();
                }
            };
        }
        assert DemandFeatures.CALENDAR.size() == 4;
        return x;
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + root, e);
        }
    }
}
