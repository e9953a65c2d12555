package io.mobility.bench.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.bench.CpuMeter;
import io.mobility.platform.connect.ConnectWorker;
import io.mobility.platform.kafka.EmbeddedKafka;
import io.mobility.platform.registry.SchemaRegistryServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured side: the packaged plugin on a real distributed Connect worker in this JVM, the connector created
 * through REST as a user creates it, one task per partition. Timed from the creation request.
 */
final class SinkSide {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONNECTOR = "bench-delta-sink";

    private final SinkBenchOptions options;
    private final EmbeddedKafka kafka;
    private final SchemaRegistryServer registry;
    private final Path work;

    SinkSide(SinkBenchOptions options, EmbeddedKafka kafka, SchemaRegistryServer registry, Path work) {
        this.options = options;
        this.kafka = kafka;
        this.registry = registry;
        this.work = work;
    }

    Landing run() throws Exception {
        if (!Files.isDirectory(options.pluginDir())) {
            throw new IllegalStateException("No connector plugin at " + options.pluginDir() + ": build it "
                    + "(./mvnw -pl benchmarks -am package -DskipTests) or pass --plugin-dir");
        }
        try (ConnectWorker worker = ConnectWorker.builder(kafka.bootstrapServers())
                .pluginPath(List.of(options.pluginDir()))
                .pluginDiscovery("service_load")
                .start()) {
            SinkBenchmark.progress(
                    "Connect worker at %s with the plugin from %s", worker.restUrl(), options.pluginDir());
            CpuMeter cpu = CpuMeter.start();
            long started = System.currentTimeMillis();
            HttpResponse<String> created = send(worker, "PUT", "/connectors/" + CONNECTOR + "/config", config());
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "Creating the connector failed: HTTP " + created.statusCode() + " " + created.body());
            }
            SinkBenchmark.progress(
                    "sink: connector created (%d tasks, delta.flush.records %s)",
                    options.partitions(), options.flushRecords() == null ? "default" : options.flushRecords());
            Landing landing = SinkBenchmark.await(
                    "sink",
                    new DeltaLogWatcher(work.resolve("lake/sink")),
                    started,
                    options,
                    new TaskFailures(worker),
                    cpu);
            send(worker, "DELETE", "/connectors/" + CONNECTOR, null);
            return landing;
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.mobility.sink.DeltaSinkConnector");
        config.put("tasks.max", Integer.toString(options.partitions()));
        config.put("topics", SinkBenchmark.TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "io.mobility.serde.connect.AvroConverter");
        config.put("value.converter.schema.registry.url", registry.url());
        config.put("delta.table.root", work.resolve("lake").toString());
        config.put("delta.table.path.template", "sink");
        // The connector's own flush defaults unless asked otherwise: the benchmark measures what a user gets.
        if (options.flushRecords() != null) {
            config.put("delta.flush.records", Integer.toString(options.flushRecords()));
        }
        if (options.flushIntervalMs() != null) {
            config.put("delta.flush.interval.ms", Long.toString(options.flushIntervalMs()));
        }
        return config;
    }

    /**
     * A FAILED task's trace, or null while every task runs. Asks the worker at most once a second: the status
     * requests run on the worker's threads, and asking on every poll of the log would slow the measured side.
     */
    private static final class TaskFailures implements java.util.function.Supplier<String> {
        private final ConnectWorker worker;
        private long lastAskedMs;

        TaskFailures(ConnectWorker worker) {
            this.worker = worker;
        }

        @Override
        public String get() {
            long now = System.currentTimeMillis();
            if (now - lastAskedMs < 1_000) {
                return null;
            }
            lastAskedMs = now;
            return failedTask(worker);
        }
    }

    private static String failedTask(ConnectWorker worker) {
        try {
            var status = JSON.readTree(send(worker, "GET", "/connectors/" + CONNECTOR + "/status", null)
                    .body());
            for (var task : status.path("tasks")) {
                if (task.path("state").asText().equals("FAILED")) {
                    return "task " + task.path("id").asText() + ": "
                            + task.path("trace").asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the REST API is busy: ask again on the next poll
        }
    }

    private static HttpResponse<String> send(ConnectWorker worker, String method, String path, Object body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(worker.restUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling Connect at " + path, e);
        }
    }
}
