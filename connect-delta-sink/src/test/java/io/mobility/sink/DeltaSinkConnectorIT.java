package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.ride.RideEvent;
import io.mobility.platform.connect.ConnectRestClient;
import io.mobility.platform.connect.ConnectWorker;
import io.mobility.platform.kafka.EmbeddedKafka;
import io.mobility.platform.registry.SchemaRegistryServer;
import io.mobility.serde.AvroSerializer;
import io.mobility.sink.testing.RideRecords;
import io.mobility.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin on a real distributed Connect worker and broker, configured only through the REST API, with
 * wire-format Avro through the project's converter and registry; tables read back by delta-spark.
 */
class DeltaSinkConnectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLUGIN = "DeltaSinkConnector";
    private static Path work;
    /** The worker's plugin.path: the plugin zip unzipped into it, as a user installs it. */
    private static Path plugins;

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;
    private static ConnectWorker worker;
    private static SparkReader spark;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("it-" + System.nanoTime());
        plugins = unzip(Path.of(System.getProperty("plugin.zip")), work.resolve("plugins"));
        kafka = EmbeddedKafka.builder().start();
        registry = new SchemaRegistryServer(kafka.bootstrapServers()).start();
        worker = ConnectWorker.builder(kafka.bootstrapServers())
                .pluginPath(List.of(plugins))
                .pluginDiscovery("service_load")
                .workerProperty("offset.flush.interval.ms", "1000")
                .start();
        spark = new SparkReader(work.resolve("spark-reader.log"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theWorkerListsThePluginInstalledFromTheZipWithTheBuildsVersion() throws Exception {
        List<JsonNode> listed = new ArrayList<>();
        json(send("GET", "/connector-plugins", null)).forEach(p -> {
            if (p.path("class").asText().equals("io.mobility.sink.DeltaSinkConnector")) {
                listed.add(p);
            }
        });
        assertThat(listed).as("GET /connector-plugins lists the sink once").hasSize(1);
        assertThat(listed.get(0).path("type").asText()).isEqualTo("sink");
        assertThat(listed.get(0).path("version").asText()).isEqualTo(System.getProperty("project.version"));
    }

    @Test
    void theZipIsAConfluentHubComponentArchiveWithManifestLibDocAndExamples() throws Exception {
        String version = System.getProperty("project.version");
        String directory = System.getProperty("plugin.directory");
        try (Stream<Path> top = Files.list(plugins)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .as("the zip's top level")
                    .containsExactly(directory);
        }
        Path plugin = plugins.resolve(directory);
        JsonNode manifest = JSON.readTree(plugin.resolve("manifest.json").toFile());
        assertThat(manifest.path("owner").path("username").asText() + "-"
                        + manifest.path("name").asText() + "-"
                        + manifest.path("version").asText())
                .as("<owner>-<name>-<version> of manifest.json")
                .isEqualTo(directory)
                .endsWith("-" + version);
        assertThat(manifest.path("component_types").toString()).isEqualTo("[\"sink\"]");
        assertThat(manifest.path("features").path("delivery_guarantee").toString())
                .isEqualTo("[\"exactly_once\"]");
        assertThat(manifest.path("requirements").toString())
                .contains("Kafka Connect " + System.getProperty("kafka.version"));
        assertThat(manifest.path("license").path(0).path("name").asText()).isEqualTo("Apache License 2.0");

        try (Stream<Path> lib = Files.list(plugin.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).toList())
                    .contains("mobility-connect-delta-sink-" + version + ".jar")
                    .noneMatch(jar -> jar.startsWith("connect-api-") || jar.startsWith("kafka-clients-"));
        }
        assertThat(plugin.resolve("doc/README.md"))
                .as("the connector's guide")
                .hasSameTextualContentAs(Path.of(System.getProperty("delta.sink.doc")));
        assertThat(Files.readString(plugin.resolve("doc/LICENSE"))).contains("Apache License", "Version 2.0");
        Path examples = Path.of(System.getProperty("plugin.examples"));
        try (Stream<Path> etc = Files.list(plugin.resolve("etc"));
                Stream<Path> sources = Files.list(examples)) {
            List<Path> files = etc.sorted().toList();
            assertThat(files)
                    .map(p -> p.getFileName().toString())
                    .containsExactlyElementsOf(sources.map(p -> p.getFileName().toString())
                            .sorted()
                            .toList());
            files.forEach(f -> assertThat(f)
                    .hasSameTextualContentAs(examples.resolve(f.getFileName().toString())));
        }
    }

    @Test
    void everyBadSettingComesBackFromTheRestValidationNamingIt() throws Exception {
        Map<String, String> config = Map.of(
                "connector.class", "io.mobility.sink.DeltaSinkConnector",
                "name", "bad",
                "topics", "t",
                "delta.table.root", "s3://bucket/lake",
                "delta.partition.mode", "hourly",
                "delta.table.overrides", "no-colon",
                "delta.flush.records", "0",
                "delta.s3a.access.key", "AKIA");
        JsonNode result = json(send("PUT", "/connector-plugins/" + PLUGIN + "/config/validate", config));
        Map<String, List<String>> errors = new HashMap<>();
        result.get("configs").forEach(c -> {
            List<String> messages = new ArrayList<>();
            c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(c.path("value").path("name").asText(), messages);
            }
        });
        assertThat(errors)
                .containsOnlyKeys(
                        "delta.table.root",
                        "delta.partition.mode",
                        "delta.table.overrides",
                        "delta.flush.records",
                        "delta.s3a.secret.key");
        assertThat(result.get("error_count").asInt()).isEqualTo(6);
        assertThat(errors.get("delta.table.root"))
                .anySatisfy(m -> assertThat(m).contains("s3a://, not s3://"))
                .anySatisfy(m -> assertThat(m).contains("not an s3a:// location"));
        assertThat(errors.get("delta.partition.mode").get(0)).contains("hourly");
        assertThat(errors.get("delta.table.overrides").get(0)).contains("'no-colon' is not topic:path");
        assertThat(errors.get("delta.flush.records").get(0)).contains("at least 1");
        assertThat(errors.get("delta.s3a.secret.key").get(0)).contains("go together");
    }

    @Test
    void recordsProducedAsAvroLandAsExactlyAsManyRowsWithContractTypesPartitionsAndAuditColumns() throws Exception {
        String topic = "rides-landing";
        kafka.createTopic(topic, 2, Map.of());
        createConnector("bronze-landing", topic, Map.of("tasks.max", "2", "delta.flush.records", "150"));
        produce(topic, 0, 600, RideRecords::event);
        awaitLanded("bronze-landing", topic, 2, 600);

        String table = "delta.`" + work.resolve("lake/bronze/" + topic) + "`";
        JsonNode summary = spark.first("SELECT count(*) AS n, count(DISTINCT _kafka_partition, _kafka_offset) AS d, "
                + "count(DISTINCT event_id) AS ids, count(DISTINCT _kafka_partition) AS parts, "
                + "count_if(event_date <> to_date(event_time)) AS misplaced, sum(fare.total) AS revenue, "
                + "count_if(_kafka_topic = '" + topic + "' AND _ingested_at IS NOT NULL) AS audited FROM " + table);
        assertThat(summary.get("n").asLong()).isEqualTo(600);
        assertThat(summary.get("d").asLong()).isEqualTo(600);
        assertThat(summary.get("ids").asLong()).isEqualTo(600);
        assertThat(summary.get("parts").asLong()).isEqualTo(2);
        assertThat(summary.get("misplaced").asLong()).isZero();
        assertThat(summary.get("audited").asLong()).isEqualTo(600);
        assertThat(summary.get("revenue").decimalValue()).isEqualByComparingTo("7886.40"); // 120 completed x 65.72

        Map<String, String> types = new HashMap<>();
        spark.query("DESCRIBE TABLE " + table)
                .forEach(c ->
                        types.put(c.get("col_name").asText(), c.get("data_type").asText()));
        assertThat(types)
                .containsEntry("event_time", "timestamp")
                .containsEntry("quoted_fare", "decimal(10,2)")
                .containsEntry("event_type", "string")
                .containsEntry("event_date", "date")
                .containsEntry("_kafka_offset", "bigint")
                .containsEntry("_kafka_timestamp", "timestamp");
        JsonNode detail = spark.first("DESCRIBE DETAIL " + table);
        assertThat(detail.get("partitionColumns").toString()).isEqualTo("[\"event_date\"]");
    }

    @Test
    void aTaskThatFailsBetweenParquetWriteAndCommitRestartsWithoutLosingOrDuplicatingRows() throws Exception {
        String topic = "rides-fault";
        kafka.createTopic(topic, 1, Map.of());
        createConnector("bronze-fault", topic, Map.of("tasks.max", "1", "delta.flush.records", "100"));
        produce(topic, 0, 300, RideRecords::event);
        awaitLanded("bronze-fault", topic, 1, 300);

        // A storage fault at the worst moment: the next log entry cannot be written (a corrupt file holds its name),
        // after the data files are.
        Path table = work.resolve("lake/bronze/" + topic);
        long next;
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
            next = log.map(p -> p.getFileName().toString())
                            .filter(n -> n.matches("\\d{20}\\.json"))
                            .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                            .max()
                            .orElseThrow()
                    + 1;
        }
        Path blocker = Files.writeString(
                table.resolve("_delta_log").resolve(String.format("%020d.json", next)), "{ not a delta commit");
        produce(topic, 300, 400, RideRecords::event);
        await(
                "the task FAILED",
                () -> json(send("GET", "/connectors/bronze-fault/status", null)),
                s -> s.path("tasks").path(0).path("state").asText().equals("FAILED"));

        Files.delete(blocker);
        produce(topic, 400, 500, RideRecords::event);
        ConnectRestClient.Response restart = send("POST", "/connectors/bronze-fault/tasks/0/restart", null);
        assertThat(restart.status()).as(restart.body()).isEqualTo(204);
        awaitLanded("bronze-fault", topic, 1, 500);

        String delta = "delta.`" + table + "`";
        JsonNode summary = spark.first("SELECT count(*) AS n, count(DISTINCT _kafka_offset) AS d, "
                + "max(_kafka_offset) AS last FROM " + delta);
        long filesInTable =
                spark.first("DESCRIBE DETAIL " + delta).get("numFiles").asLong();
        assertThat(summary.get("n").asLong()).isEqualTo(500);
        assertThat(summary.get("d").asLong()).isEqualTo(500);
        assertThat(summary.get("last").asLong()).isEqualTo(499);
        assertThat(countParquet(table))
                .as("orphans stay on disk, outside the table")
                .isGreaterThan(filesInTable);
    }

    @Test
    void aNewOptionalFieldMidStreamAddsANullableColumnAndAnIncompatibleRecordGoesToTheDeadLetterTopic()
            throws Exception {
        String topic = "rides-evolving";
        kafka.createTopic(topic, 1, Map.of());
        createConnector(
                "silver-evolving",
                topic,
                Map.of(
                        "tasks.max",
                        "1",
                        "delta.flush.records",
                        "50",
                        "delta.audit.columns",
                        "false",
                        "errors.tolerance",
                        "all",
                        "errors.deadletterqueue.topic.name",
                        topic + "-dlq",
                        "errors.deadletterqueue.topic.replication.factor",
                        "1",
                        "errors.deadletterqueue.context.headers.enable",
                        "true"));
        produce(topic, 0, 100, RideRecords::event);
        Schema v2 = withPromoCode(RideEvent.getClassSchema());
        produce(topic, 100, 200, n -> {
            GenericRecord record = asGeneric(RideRecords.event(n), v2); // promo_code defaults to null
            record.put("promo_code", "SPRING" + n);
            return record;
        });
        awaitLanded("silver-evolving", topic, 1, 200);

        String table = "delta.`" + work.resolve("lake/bronze/" + topic) + "`";
        JsonNode summary = spark.first("SELECT count(*) AS n, count_if(promo_code IS NULL) AS before, "
                + "max_by(promo_code, _offset_marker) AS latest FROM (SELECT *, event_id = 'evt-150' AS _offset_marker "
                + "FROM " + table + ")");
        assertThat(summary.get("n").asLong()).isEqualTo(200);
        assertThat(summary.get("before").asLong()).isEqualTo(100);
        assertThat(summary.get("latest").asText()).isEqualTo("SPRING150");

        // distance_km as a string: a different subject strategy would accept it, the table cannot
        Schema retyped = retype(RideEvent.getClassSchema(), "distance_km");
        produceWithSubject(topic, "rides-evolving-retyped", retyped, 200);
        produce(topic, 201, 211, RideRecords::event);
        awaitLanded("silver-evolving", topic, 1, 211);
        assertThat(spark.first("SELECT count(*) AS n FROM " + table).get("n").asLong())
                .isEqualTo(210);
        assertThat(endOffset(new TopicPartition(topic + "-dlq", 0))).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private static void createConnector(String name, String topic, Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "connector.class", "io.mobility.sink.DeltaSinkConnector",
                "topics", topic,
                "value.converter", "io.mobility.serde.connect.AvroConverter",
                "value.converter.schema.registry.url", registry.url(),
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "delta.table.root", work.resolve("lake").toString(),
                "delta.table.path.template", "bronze/${topic}",
                "delta.partition.mode", "event-date",
                "delta.partition.field", "event_time",
                "delta.audit.columns", "true"));
        config.put("delta.flush.interval.ms", "2000");
        config.putAll(extra);
        ConnectRestClient.Response created = send("PUT", "/connectors/" + name + "/config", config);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        new ConnectRestClient(worker.restUrl()).awaitRunning(name, Duration.ofSeconds(180));
    }

    private interface Event {
        IndexedRecord of(long n);
    }

    private static void produce(String topic, long from, long to, Event events) throws Exception {
        AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long n = from; n < to; n++) {
                IndexedRecord event = events.of(n);
                producer.send(new ProducerRecord<>(topic, "ride-" + n, serializer.serialize(topic, event)));
            }
            producer.flush();
        }
    }

    /** Registers the schema under another subject (as a producer with a different naming strategy would). */
    private static void produceWithSubject(String topic, String subject, Schema schema, long n) throws Exception {
        AvroSerializer<IndexedRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        GenericData.Record record = new GenericData.Record(schema);
        GenericRecord event = asGeneric(RideRecords.event(n), RideEvent.getClassSchema());
        schema.getFields()
                .forEach(f -> record.put(f.name(), f.name().equals("distance_km") ? "far" : event.get(f.name())));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "ride-" + n, serializer.serialize(subject, record)))
                    .get();
        }
    }

    /** Waits until the connector's committed offsets (which follow the Delta table) reach {@code records}. */
    private static void awaitLanded(String connector, String topic, int partitions, long records) throws Exception {
        await(
                records + " records of " + topic + " landed",
                () -> {
                    long sum = 0;
                    var committed = kafka.admin()
                            .listConsumerGroupOffsets("connect-" + connector)
                            .partitionsToOffsetAndMetadata()
                            .get();
                    for (int p = 0; p < partitions; p++) {
                        var offset = committed.get(new TopicPartition(topic, p));
                        sum += offset == null ? 0 : offset.offset();
                    }
                    return sum;
                },
                sum -> sum >= records);
    }

    private static long endOffset(TopicPartition tp) throws Exception {
        return kafka.admin()
                .listOffsets(Map.of(tp, OffsetSpec.latest()))
                .all()
                .get()
                .get(tp)
                .offset();
    }

    private static long countParquet(Path table) throws IOException {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .count();
        }
    }

    /** The event as a generic record of {@code readerSchema}, by Avro schema resolution (new fields get defaults). */
    private static GenericRecord asGeneric(RideEvent event, Schema readerSchema) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
            new org.apache.avro.specific.SpecificDatumWriter<RideEvent>(RideEvent.class).write(event, encoder);
            encoder.flush();
            var decoder = org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
            return new org.apache.avro.generic.GenericDatumReader<GenericRecord>(
                            RideEvent.getClassSchema(), readerSchema)
                    .read(null, decoder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Schema withPromoCode(Schema base) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(
                "promo_code", SchemaBuilder.builder().nullable().stringType(), null, Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static Schema retype(Schema base, String field) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields()
                .forEach(f -> fields.add(
                        f.name().equals(field)
                                ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING))
                                : new Schema.Field(f, f.schema())));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return into;
    }

    private static ConnectRestClient.Response send(String method, String path, Object body) {
        return new ConnectRestClient(worker.restUrl()).send(method, path, body);
    }

    private static JsonNode json(ConnectRestClient.Response response) {
        return response.json();
    }

    private static <T> T await(String what, Poll.Probe<T> probe, Predicate<T> done) throws Exception {
        return Poll.until(what, Duration.ofSeconds(180), probe, done);
    }
}
