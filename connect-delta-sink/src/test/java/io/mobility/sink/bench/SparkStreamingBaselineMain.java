package io.mobility.sink.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The baseline of {@code ./mobility bench sink}, in a JVM of its own (Spark's Servlet 5 cannot share one with a
 * Connect worker): Spark Structured Streaming reads a topic from the earliest offset, decodes the Confluent
 * wire-format Avro ({@link WireFormatColumns}) and appends to a Delta table with a checkpoint (exactly once), on
 * {@code local[2]} with the default trigger (each micro-batch starts as soon as the previous one ends).
 *
 * <p>Talks to its parent by lines. Out: {@code STARTED <epoch ms>} just before the query starts, {@code FAILED
 * <message>} if it dies. In: {@code STOP} stops the query ({@code STOPPED}); any other line is SQL answered with
 * {@code RESULT <JSON array of rows>} or {@code ERROR <message>}.
 */
public final class SparkStreamingBaselineMain {

    private SparkStreamingBaselineMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String schema = Files.readString(Path.of(required(options, "--schema-file")));
        long maxOffsets = Long.parseLong(options.getOrDefault("--max-offsets-per-trigger", "0"));
        SparkSession spark = SparkSession.builder()
                .appName("sink-bench-baseline")
                .master("local[2]")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();

        var reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", required(options, "--bootstrap-servers"))
                .option("subscribe", required(options, "--topic"))
                .option("startingOffsets", "earliest");
        if (maxOffsets > 0) {
            reader = reader.option("maxOffsetsPerTrigger", maxOffsets);
        }
        Dataset<Row> events = WireFormatColumns.decode(reader.load(), schema);
        out.println("STARTED " + System.currentTimeMillis());
        StreamingQuery query = events.writeStream()
                .format("delta")
                .outputMode("append")
                .queryName("sink-bench-baseline")
                .option("checkpointLocation", required(options, "--checkpoint"))
                .start(required(options, "--table"));
        Thread watcher = new Thread(
                () -> {
                    try {
                        query.awaitTermination();
                    } catch (Exception e) {
                        out.println("FAILED " + String.valueOf(e.getMessage()).replace('\n', ' '));
                        System.exit(1);
                    }
                },
                "query-watcher");
        watcher.setDaemon(true);
        watcher.start();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("STOP")) {
                query.stop();
                out.println("STOPPED");
                continue;
            }
            try {
                List<String> rows = spark.sql(line).toJSON().collectAsList();
                out.println("RESULT [" + String.join(",", rows) + "]");
            } catch (Exception e) {
                out.println("ERROR " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        spark.stop();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing " + name);
        }
        return value;
    }
}
