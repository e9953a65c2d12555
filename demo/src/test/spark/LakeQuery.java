// Run by DemoIT with `java -cp <batch-spark's classpath> LakeQuery.java LAKE OUT` (a single-file source program):
// the lake read back through delta-spark in a JVM of its own, as the sink's tests do, so that the test's JVM never
// carries Spark beside Kafka Connect. Writes what it finds to OUT as KEY<TAB>VALUE lines.
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

public class LakeQuery {
    public static void main(String[] args) throws Exception {
        String lake = args[0];
        SparkSession spark = SparkSession.builder().master("local[2]").appName("demo-it-lake-query")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            Dataset<Row> facts = spark.read().format("delta").load(lake + "/gold/fact_ride");
            out.println("fact_ride.rows\t" + facts.count());
            for (Row row : facts.select("ride_id").collectAsList()) {
                out.println("fact_ride.ride_id\t" + row.getString(0));
            }
            out.println("silver_quarantine.rows\t"
                    + spark.read().format("delta").load(lake + "/silver/quarantine").count());
            Path predictions = Path.of(lake, "gold", "predictions", "_delta_log");
            if (Files.isDirectory(predictions)) {
                Dataset<Row> p = spark.read().format("delta").load(lake + "/gold/predictions");
                out.println("predictions.rows\t" + p.count());
                List<Row> zones = p.select("zone_id").distinct().collectAsList();
                for (Row row : zones) {
                    out.println("predictions.zone_id\t" + row.get(0));
                }
            }
        } finally {
            spark.stop();
        }
    }
}
