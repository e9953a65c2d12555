package io.mobility.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.platform.PortInUseException;
import io.mobility.platform.kafka.EmbeddedKafka;
import io.mobility.platform.registry.SchemaRegistryServer;
import io.mobility.serde.AvroSerializer;
import io.mobility.serde.connect.AvroConverter;
import io.mobility.testkit.Poll;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real distributed-mode worker on a real broker, driven only through its REST API. */
class ConnectWorkerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;
    private static ConnectWorker worker;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder().start();
        // The test connector ships a ServiceLoader manifest: skip the slow reflective scan of the whole classpath.
        worker = ConnectWorker.builder(kafka.bootstrapServers())
                .pluginDiscovery("service_load")
                .start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        kafka.close();
    }

    @Test
    void theTestConnectorIsAnInstalledPlugin() throws Exception {
        JsonNode plugins = json(send("GET", "/connector-plugins", null));
        List<String> classes = new ArrayList<>();
        plugins.forEach(p -> classes.add(p.get("class").asText()));
        assertThat(classes).contains(RecordingSinkConnector.class.getName());
    }

    @Test
    void rootAnswersWithTheKafkaVersionAndCluster() throws Exception {
        ConnectRestClient.Response root = send("GET", "/", null);

        assertThat(root.status()).isEqualTo(200);
        JsonNode info = JSON.readTree(root.body());
        assertThat(info.get("version").asText())
                .isEqualTo(AppInfoParser.getVersion())
                .startsWith("4.3");
        assertThat(info.get("kafka_cluster_id").asText()).isNotBlank();
        assertThat(worker.restUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void aSinkConnectorCreatedOverRestReceivesTheTopicsRecords() throws Exception {
        kafka.createTopic("recorded", 1, Map.of());
        Map<String, String> config = Map.of(
                "connector.class", RecordingSinkConnector.class.getName(),
                "topics", "recorded",
                "tasks.max", "1");

        ConnectRestClient.Response created =
                send("PUT", "/connectors/recorder/config", JSON.writeValueAsString(config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode status = await(
                "connector and task RUNNING",
                () -> json(send("GET", "/connectors/recorder/status", null)),
                s -> s.path("connector").path("state").asText().equals("RUNNING")
                        && s.path("tasks").path(0).path("state").asText().equals("RUNNING"));
        assertThat(status.get("name").asText()).isEqualTo("recorder");

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= 5; i++) {
                producer.send(new ProducerRecord<>("recorded", "ride-" + i, "completed"))
                        .get();
            }
        }

        await("5 records at the task", () -> received("recorder"), r -> r.size() >= 5);
        assertThat(received("recorder"))
                .containsExactly(
                        "ride-1=completed",
                        "ride-2=completed",
                        "ride-3=completed",
                        "ride-4=completed",
                        "ride-5=completed");

        assertThat(send("DELETE", "/connectors/recorder", null).status()).isEqualTo(204);
        await("the task stopped", () -> RecordingSinkConnector.STOPPED_TASKS, s -> s.contains("recorder"));
        assertThat(json(send("GET", "/connectors", null)).toString()).isEqualTo("[]");
        await(
                "the status to be gone",
                () -> send("GET", "/connectors/recorder/status", null).status(),
                code -> code == 404);
    }

    @Test
    void wireFormatAvroReachesASinkAsStructsAndBadBytesGoToTheDeadLetterTopic() throws Exception {
        kafka.createTopic("avro-rides", 1, Map.of());
        try (SchemaRegistryServer registry = new SchemaRegistryServer(kafka.bootstrapServers()).start()) {
            JsonNode plugins = json(send("GET", "/connector-plugins?connectorsOnly=false", null));
            List<String> classes = new ArrayList<>();
            plugins.forEach(p -> classes.add(p.get("class").asText()));
            assertThat(classes)
                    .as("the converter is discoverable by the service loader")
                    .contains(AvroConverter.class.getName());

            Map<String, String> config = Map.of(
                    "connector.class", RecordingSinkConnector.class.getName(),
                    "topics", "avro-rides",
                    "tasks.max", "1",
                    "value.converter", AvroConverter.class.getName(),
                    "value.converter.schema.registry.url", registry.url(),
                    "errors.tolerance", "all",
                    "errors.deadletterqueue.topic.name", "avro-rides-dlq",
                    "errors.deadletterqueue.topic.replication.factor", "1");
            ConnectRestClient.Response created =
                    send("PUT", "/connectors/avro-recorder/config", JSON.writeValueAsString(config));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            await(
                    "task RUNNING",
                    () -> json(send("GET", "/connectors/avro-recorder/status", null)),
                    s -> s.path("tasks").path(0).path("state").asText().equals("RUNNING"));

            AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(
                                "avro-rides",
                                "ride-1",
                                serializer.serialize("avro-rides", ExampleEvents.ride(RideEventType.RIDE_REQUESTED))))
                        .get();
                producer.send(new ProducerRecord<>("avro-rides", "ride-1", "{not avro}".getBytes()))
                        .get();
                producer.send(new ProducerRecord<>(
                                "avro-rides",
                                "ride-1",
                                serializer.serialize("avro-rides", ExampleEvents.ride(RideEventType.RIDE_COMPLETED))))
                        .get();
            }

            await("2 records at the task", () -> received("avro-recorder"), r -> r.size() >= 2);
            List<String> received = received("avro-recorder");
            assertThat(received).hasSize(2);
            assertThat(received.get(0)).startsWith("ride-1=Struct{").contains("event_type=RIDE_REQUESTED");
            assertThat(received.get(1)).contains("event_type=RIDE_COMPLETED").contains("total=65.72");
            assertThat(kafka.admin()
                            .listOffsets(Map.of(
                                    new org.apache.kafka.common.TopicPartition("avro-rides-dlq", 0),
                                    org.apache.kafka.clients.admin.OffsetSpec.latest()))
                            .all()
                            .get()
                            .values()
                            .iterator()
                            .next()
                            .offset())
                    .as("records in the dead-letter topic")
                    .isEqualTo(1);
            assertThat(send("DELETE", "/connectors/avro-recorder", null).status())
                    .isEqualTo(204);
        }
    }

    @Test
    void theWorkerUsesOneReplicaAndStringConvertersByDefault() {
        Map<String, String> props =
                ConnectWorker.builder(kafka.bootstrapServers()).build().workerProperties();
        assertThat(props)
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("plugin.discovery", "hybrid_warn")
                .containsEntry("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    }

    @Test
    void aTakenPortFailsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            ConnectWorker blocked = ConnectWorker.builder(kafka.bootstrapServers())
                    .port(taken.getLocalPort())
                    .build();
            assertThatThrownBy(blocked::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Kafka Connect REST cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static List<String> received(String connector) {
        Queue<String> values = RecordingSinkConnector.RECEIVED.get(connector);
        return values == null ? List.of() : new ArrayList<>(values);
    }

    private static <T> T await(String what, Poll.Probe<T> probe, Predicate<T> done) throws Exception {
        return Poll.until(what, Duration.ofSeconds(60), probe, done);
    }

    private static JsonNode json(ConnectRestClient.Response response) {
        return response.json();
    }

    private static ConnectRestClient.Response send(String method, String path, String body) {
        return new ConnectRestClient(worker.restUrl()).send(method, path, body);
    }
}
