package io.mobility.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.Topics;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.platform.Ports;
import io.mobility.platform.connect.ConnectRestClient;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.testkit.kafka.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./mobility demo} end to end at a small scale, as a user runs it: the demo's own JVM (started like
 * ./mobility starts it), which starts every other part from the modules' build output. Then everything it claims is
 * checked from the outside: Kafka topics, the Connect REST API, the Delta tables read back by delta-spark, the API.
 * Assertions on features, models and predictions apply when this build's {@code BatchCommand} has those jobs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final int ZONES = 3;
    private static final double DAYS = 22; // the warm-up, training and held-out weeks the demand model needs
    // The demo's default (light) city per zone: the fewest records that still train both models.
    private static final int DRIVERS_PER_ZONE = DemoOptions.DEFAULT_DRIVERS_PER_ZONE;
    private static final double REQUESTS_PER_ZONE_HOUR = DemoOptions.DEFAULT_REQUESTS_PER_ZONE_HOUR;
    private static final long SEED = 42;
    private static final double DIRTY = 0.01;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    private static Path dataDir;
    private static Path output;
    private static Process demo;
    private static Map<String, Integer> ports;
    private static Set<String> batchJobs;

    @BeforeAll
    static void runTheDemo() throws Exception {
        root = Path.of(System.getProperty("mobility.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path work = root.resolve("demo/target/it");
        Files.createDirectories(work);
        dataDir = work.resolve("data");
        output = work.resolve("demo-output.txt");
        ports = new TreeMap<>();
        for (String name : List.of("kafka", "registry", "connect", "streams", "api", "admin")) {
            ports.put(name, Ports.free());
        }
        List<String> command = new ArrayList<>(javaCommand("demo"));
        command.addAll(List.of(
                "io.mobility.demo.DemoCommand",
                "--fresh",
                "--data-dir",
                dataDir.toString(),
                "--days",
                String.valueOf(DAYS),
                "--zones",
                String.valueOf(ZONES),
                "--seed",
                String.valueOf(SEED),
                "--drivers-per-zone",
                String.valueOf(DRIVERS_PER_ZONE),
                "--requests-per-zone-hour",
                String.valueOf(REQUESTS_PER_ZONE_HOUR),
                "--dirty",
                String.valueOf(DIRTY),
                "--live-speed",
                "1"));
        ports.forEach((name, port) -> command.addAll(List.of("--" + name + "-port", String.valueOf(port))));
        demo = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(25).toNanos();
        while (!demoOutput().contains("== Running; Ctrl-C stops everything")) {
            assertThat(demo.isAlive())
                    .as("the demo ended before its summary:%n%s", demoOutput())
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("the demo's summary within 25 minutes:%n%s", demoOutput())
                    .isLessThan(deadline);
            Thread.sleep(1_000);
        }
        batchJobs = knownBatchJobs();
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (demo != null && demo.isAlive()) {
            List<ProcessHandle> children = demo.descendants().toList();
            demo.destroy();
            if (!demo.waitFor(120, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void theSummaryReportsEveryPart() throws IOException {
        String out = demoOutput();
        assertThat(out)
                .contains(
                        "== Summary",
                        "events in:",
                        "quarantined by reason",
                        "duplicates dropped",
                        "rows per Delta table:",
                        "gold/fact_ride",
                        "silver/rides",
                        "bronze/ride_events",
                        "sample predictions:",
                        "monitoring page",
                        "http://127.0.0.1:" + ports.get("api") + "/monitoring",
                        "Connect REST API",
                        "http://127.0.0.1:" + ports.get("connect") + "/connectors");
        assertThat(out).doesNotContain("MISMATCH");
        // A job runs when this build has it and every job it reads from ran; else it is skipped or not available.
        Map<String, List<String>> needs = Map.of(
                "features",
                List.of("aggregates"),
                "train",
                List.of("features"),
                "score",
                List.of("train"),
                "monitor",
                List.of("score"));
        Set<String> ran = new TreeSet<>(List.of("gold", "aggregates"));
        assertThat(out).contains("batch gold: done", "batch aggregates: done");
        for (String job : List.of("features", "train", "score", "monitor")) {
            if (!ran.containsAll(needs.get(job))) {
                assertThat(out).contains("batch " + job + ": skipped, it needs");
            } else if (batchJobs.contains(job)) {
                assertThat(out).contains("batch " + job + ": done");
                ran.add(job);
            } else {
                assertThat(out).contains("batch " + job + ": not available in this build");
            }
        }
    }

    @Test
    @Order(2)
    void theLakeConnectorsRunThroughTheConnectRestApi() {
        ConnectRestClient rest = new ConnectRestClient("http://127.0.0.1:" + ports.get("connect"));
        JsonNode names = rest.send("GET", "/connectors", null).json();
        List<String> list = new ArrayList<>();
        names.forEach(n -> list.add(n.asText()));
        assertThat(list)
                .containsExactlyInAnyOrder(
                        "lake-bronze", "lake-silver", "lake-rides", "lake-reference", "lake-quarantine");
        for (String name : list) {
            JsonNode status = rest.status(name).json();
            assertThat(status.path("connector").path("state").asText()).as(name).isEqualTo("RUNNING");
            status.path("tasks")
                    .forEach(t -> assertThat(t.path("state").asText())
                            .as(name + " task")
                            .isEqualTo("RUNNING"));
        }
    }

    @Test
    @Order(3)
    void quarantineHoldsExactlyTheInjectedFaultsByReason() throws IOException {
        JsonNode faults = manifest().path("faults");
        Map<String, Long> expected = new TreeMap<>();
        // simulator/README.md fault kinds -> docs/event-contract.md reason codes
        Map<String, String> reasonOf = Map.of(
                "bad_coordinates",
                "INVALID_COORDINATES",
                "negative_fare",
                "NEGATIVE_FARE",
                "unknown_zone",
                "UNKNOWN_ZONE",
                "missing_required_field",
                "MISSING_FIELD",
                "future_timestamp",
                "FUTURE_EVENT_TIME",
                "undecodable_bytes",
                "BAD_MAGIC_BYTE",
                "unknown_schema_id",
                "UNKNOWN_SCHEMA_ID");
        reasonOf.forEach((kind, reason) -> {
            assertThat(faults.path(kind).asLong())
                    .as("injected %s faults", kind)
                    .isPositive();
            expected.put(reason, faults.path(kind).asLong());
        });
        assertThat(quarantineByReason()).isEqualTo(expected);
    }

    @Test
    @Order(4)
    void everyValidSimulatedRideIsInFactRideExactlyOnceAndTheQuarantineIsInTheLake() throws Exception {
        JsonNode manifest = manifest();
        Set<String> valid = ValidRides.of(
                ZONES,
                DRIVERS_PER_ZONE * ZONES,
                667 * ZONES,
                REQUESTS_PER_ZONE_HOUR,
                SEED,
                Instant.parse(manifest.path("start").asText()),
                Duration.between(
                        Instant.parse(manifest.path("start").asText()),
                        Instant.parse(manifest.path("end").asText())),
                DIRTY);
        assertThat(valid).hasSizeGreaterThan(100);

        Map<String, List<String>> lake = queryLake();
        List<String> factIds = lake.get("fact_ride.ride_id");
        assertThat(Long.parseLong(lake.get("fact_ride.rows").get(0))).isEqualTo(factIds.size());
        assertThat(new TreeSet<>(factIds))
                .as("ride ids are unique in fact_ride")
                .hasSize(factIds.size());
        // The history's rides carry the seed's prefix; the live trickle's rides (another seed) may follow them in.
        String historyPrefix = "r" + Long.toString(SEED & 0xFFFFFFFFL, 36) + "-";
        Set<String> historyFacts = factIds.stream()
                .filter(id -> id.startsWith(historyPrefix))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(valid).allMatch(id -> id.startsWith(historyPrefix));
        assertThat(historyFacts).isEqualTo(valid);

        long quarantined = quarantineByReason().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(Long.parseLong(lake.get("silver_quarantine.rows").get(0))).isEqualTo(quarantined);

        if (batchJobs.contains("score")) {
            assertThat(lake).containsKey("predictions.zone_id");
            assertThat(new TreeSet<>(lake.get("predictions.zone_id"))).containsAll(zones());
        }
    }

    @Test
    @Order(5)
    void theApiAnswersADemandAndASurgeRequest() throws Exception {
        String zone = zones().get(0);
        String base = "http://127.0.0.1:" + ports.get("api");
        HttpResponse<String> demand = post(
                base + "/v1/demand/predictions",
                "{\"zone_id\": \"" + zone + "\", \"hour\": \""
                        + Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS) + "\"}");
        HttpResponse<String> surge = post(
                base + "/v1/surge/predictions",
                "{\"zone_id\": \"" + zone + "\", \"time\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
        if (batchJobs.containsAll(List.of("features", "train"))) {
            assertThat(demand.statusCode()).as(demand.body()).isEqualTo(200);
            assertThat(JSON.readTree(demand.body()).toString()).contains(zone);
            assertThat(surge.statusCode()).as(surge.body()).isEqualTo(200);
        } else {
            // Without trained models the service says so, as its contract promises: 503 with a JSON reason.
            assertThat(demand.statusCode()).as(demand.body()).isEqualTo(503);
            assertThat(JSON.readTree(demand.body()).path("message").asText()).isNotBlank();
            assertThat(surge.statusCode()).as(surge.body()).isIn(200, 503);
            assertThat(JSON.readTree(surge.body()).isObject()).isTrue();
        }
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/monitoring")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void theLiveTrickleKeepsSendingAfterTheHistory() throws Exception {
        List<String> raw = List.of(Topics.RIDE_EVENTS_RAW.name(), Topics.DRIVER_EVENTS_RAW.name());
        JsonNode byTopic = manifest().path("records_by_topic");
        long history = raw.stream().mapToLong(t -> byTopic.path(t).asLong()).sum();
        // At night a 3-zone city of 45 drivers sends a few events a minute: give it a few minutes at most.
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        long now = raw.stream().mapToLong(DemoIT::endOffsets).sum();
        while (now <= history && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            now = raw.stream().mapToLong(DemoIT::endOffsets).sum();
        }
        assertThat(now)
                .as("ride and driver events on the raw topics beyond the history's %d", history)
                .isGreaterThan(history);
    }

    @Test
    @Order(7)
    void sigtermStopsEveryPartCleanly() throws Exception {
        List<ProcessHandle> children = demo.descendants().toList();
        assertThat(children).as("connect, streams, live simulator, API").hasSizeGreaterThanOrEqualTo(4);
        demo.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the demo's shutdown hook stops everything
        assertThat(demo.waitFor(150, TimeUnit.SECONDS))
                .as("the demo stops within 150 s")
                .isTrue();
        for (ProcessHandle child : children) {
            assertThat(child.isAlive())
                    .as("child process %d %s", child.pid(), child.info().command())
                    .isFalse();
        }
        assertThat(demoOutput()).contains("== Stopping", "stopped");
        assertThat(portIsFree(ports.get("kafka")))
                .as("the broker's port is released")
                .isTrue();
    }

    // ---- helpers

    private static boolean portIsFree(int port) {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String demoOutput() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static JsonNode manifest() throws IOException {
        return JSON.readTree(dataDir.resolve("simulator/backfill-manifest.json").toFile());
    }

    private static List<String> javaCommand(String module) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-XX:+IgnoreUnrecognizedVMOptions",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "-Djdk.reflect.useDirectMethodHandle=false"));
        command.add("-Dmobility.root=" + root);
        command.add("-cp");
        command.add(root.resolve(module).resolve("target/classes") + ":"
                + Files.readString(root.resolve(module).resolve("target/runtime-classpath.txt"))
                        .trim());
        return command;
    }

    private static Set<String> knownBatchJobs() throws Exception {
        List<String> command = javaCommand("batch-spark");
        command.addAll(List.of("io.mobility.batch.BatchCommand", "--help"));
        Process help = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Set<String> jobs = new TreeSet<>();
        boolean inJobs = false;
        for (String line : text.split("\n")) {
            if (line.strip().equalsIgnoreCase("jobs:")) {
                inJobs = true;
            } else if (inJobs && line.matches("  \\S.*")) {
                String job = line.trim().split("\\s+")[0];
                if (!job.equals("help")) { // picocli's help subcommand, not a job
                    jobs.add(job);
                }
            } else if (inJobs && line.startsWith("   ")) {
                continue; // a job's description wrapped onto the next line
            } else if (inJobs) {
                break;
            }
        }
        assertThat(jobs).as("BatchCommand --help lists its jobs:%n%s", text).contains("gold", "aggregates");
        return jobs;
    }

    private static Map<String, List<String>> queryLake() throws Exception {
        Path result = root.resolve("demo/target/it/lake-query.tsv");
        List<String> command = javaCommand("batch-spark");
        command.addAll(List.of(
                root.resolve("demo/src/test/spark/LakeQuery.java").toString(),
                dataDir.resolve("lake").toString(),
                result.toString()));
        Process query = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("demo/target/it/lake-query.log").toFile())
                .start();
        assertThat(query.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(query.exitValue())
                .as("the lake query (log: demo/target/it/lake-query.log)")
                .isZero();
        Map<String, List<String>> values = new HashMap<>();
        for (String line : Files.readAllLines(result)) {
            String[] kv = line.split("\t", 2);
            values.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        values.putIfAbsent("fact_ride.ride_id", List.of());
        return values;
    }

    private static Map<String, Long> quarantineByReason() {
        AvroDeserializer<QuarantineRecord> values = new AvroDeserializer<>();
        values.configure(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        "http://127.0.0.1:" + ports.get("registry"),
                        AvroSerdeConfig.SPECIFIC_AVRO_READER,
                        true),
                false);
        Map<String, Long> counts = new TreeMap<>();
        TopicReader.of("127.0.0.1:" + ports.get("kafka"), new StringDeserializer(), values)
                .readToEnd(List.of(Topics.QUARANTINE.name()), Duration.ofSeconds(60))
                .forEach(r -> counts.merge(r.value().getReasonCode().toString(), 1L, Long::sum));
        return counts;
    }

    private static long endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.get("kafka")),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static List<String> zones() {
        Set<String> ids = new TreeSet<>();
        TopicReader.of("127.0.0.1:" + ports.get("kafka"), new StringDeserializer(), new StringDeserializer())
                .uncommitted()
                .readToEnd(List.of(Topics.ZONES.name()), Duration.ofSeconds(30))
                .forEach(r -> ids.add(r.key()));
        assertThat(ids).hasSize(ZONES);
        return List.copyOf(ids);
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
