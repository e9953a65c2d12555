package io.mobility.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.Topic;
import io.mobility.events.Topics;
import io.mobility.platform.PortInUseException;
import io.mobility.testkit.kafka.TopicReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void recordsProducedAreConsumedInOrder() throws Exception {
        kafka.createTopic("round-trip", 1, Map.of());
        try (var producer = producer(kafka, new Properties())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("round-trip", "ride-" + i, "requested " + i))
                        .get();
            }
        }

        List<ConsumerRecord<String, String>> records = consume(kafka, "round-trip", 20, "read_uncommitted");

        assertThat(records).extracting(ConsumerRecord::key).first().isEqualTo("ride-0");
        assertThat(records)
                .extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> "requested " + i).toList());
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        kafka.createTopic("transactions", 1, Map.of());
        Properties tx = new Properties();
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-test");
        try (var producer = producer(kafka, tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "r1", "committed-1"));
            producer.send(new ProducerRecord<>("transactions", "r2", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "r3", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "r4", "committed-3"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = consume(kafka, "transactions", 3, "read_committed");

        assertThat(records)
                .extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void platformTopicsAreCreatedOnceWithCompactionWhereDeclared() throws Exception {
        kafka.createTopics(Topics.ALL);
        kafka.createTopics(Topics.ALL); // existing topics are fine

        Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
        assertThat(kafka.admin().listTopics().names().get()).containsAll(names);
        var resources = Topics.ALL.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .toList();
        Map<ConfigResource, Config> configs =
                kafka.admin().describeConfigs(resources).all().get();
        for (Topic topic : Topics.ALL) {
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get("cleanup.policy")
                    .value();
            assertThat(policy).as(topic.name()).isEqualTo(topic.compacted() ? "compact" : "delete");
        }
        var description = kafka.admin()
                .describeTopics(List.of(Topics.RIDE_EVENTS_RAW.name()))
                .allTopicNames()
                .get();
        assertThat(description.get(Topics.RIDE_EVENTS_RAW.name()).partitions()).hasSize(3);
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsAndRecords(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dir).start()) {
            first.createTopic("kept", 2, Map.of("retention.ms", "-1"));
            try (var producer = producer(first, new Properties())) {
                producer.send(new ProducerRecord<>("kept", "zone-132", "JFK Airport"))
                        .get();
                producer.send(new ProducerRecord<>("kept", "zone-161", "Midtown Center"))
                        .get();
            }
        }
        assertThat(dir.resolve("kafka-logs/meta.properties")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dir).start()) {
            assertThat(second.admin().listTopics().names().get()).contains("kept");
            List<ConsumerRecord<String, String>> records = consume(second, "kept", 2, "read_uncommitted");
            assertThat(records)
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("JFK Airport", "Midtown Center");
        }
    }

    @Test
    void aSecondBrokerOnADataDirInUseIsRefusedAndTheFirstKeepsRunning(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dir).start()) {
            EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dir).build();
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka data directory " + dir.toAbsolutePath() + " is in use");
            second.close();

            first.createTopic("still-here", 1, Map.of());
            assertThat(first.admin().listTopics().names().get()).contains("still-here");
        }
        try (EmbeddedKafka afterwards = EmbeddedKafka.builder().dataDir(dir).start()) {
            assertThat(afterwards.admin().listTopics().names().get()).contains("still-here");
        }
    }

    @Test
    void temporaryDataDirIsDeletedOnClose() {
        Path dataDir;
        try (EmbeddedKafka temporary = EmbeddedKafka.builder().start()) {
            dataDir = temporary.dataDir();
            assertThat(dataDir).isDirectory();
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void takenPortFailsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka blocked =
                    EmbeddedKafka.builder().port(taken.getLocalPort()).build();
            assertThatThrownBy(blocked::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Kafka broker cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("already in use");
            blocked.close();
        }
    }

    @Test
    void startsWithinAFewSecondsWithTheGivenBrokerSettings() throws Exception {
        long start = System.nanoTime();
        try (EmbeddedKafka quick = EmbeddedKafka.builder()
                .brokerProperty("message.max.bytes", "2097152")
                .start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(quick.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(Files.isDirectory(quick.dataDir())).isTrue();

            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config =
                    quick.admin().describeConfigs(List.of(broker)).all().get().get(broker);
            assertThat(config.get("message.max.bytes").value()).isEqualTo("2097152");
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("transaction.state.log.replication.factor").value())
                    .isEqualTo("1");
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka broker, Properties extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Every record of {@code topic}, and for half a second more anything beyond the {@code expected} ones. */
    private static List<ConsumerRecord<String, String>> consume(
            EmbeddedKafka broker, String topic, int expected, String isolation) {
        TopicReader<String, String> reader = TopicReader.of(
                        broker.bootstrapServers(), new StringDeserializer(), new StringDeserializer())
                .thenWait(Duration.ofMillis(500));
        if (isolation.equals("read_uncommitted")) {
            reader.uncommitted();
        }
        return reader.read(List.of(topic), expected, Duration.ofSeconds(30));
    }
}
