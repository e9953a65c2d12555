package io.mobility.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.platform.LocalPlatform;
import io.mobility.streams.ReferenceTopicCatchUp;
import io.mobility.streams.standardize.Canonical;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading a reference topic to its end on the real broker: latest values, deletes, transactions. */
class ReferenceTopicCatchUpIT {

    private static LocalPlatform platform;
    private static Admin admin;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        platform.close();
    }

    @Test
    void answersWithTheLatestValueOfTheCanonicalKeyAndForgetsDeletedKeys() throws Exception {
        // One partition: "007" and "7" are one zone, and only records of one partition have an order.
        String topic = topic("latest", 1);
        try (ReferenceTopicCatchUp<String> zones = catchUp(topic)) {
            assertThat(zones.find("7")).isEmpty();
            send(topic, Map.of("007", "first"));
            send(topic, Map.of("7", "second"));
            send(topic, Map.of("12", "twelve"));
            assertThat(zones.find("7")).contains("second");
            assertThat(zones.find("12")).contains("twelve");

            send(topic, java.util.Collections.singletonMap("12", null));
            assertThat(zones.find("12")).as("deleted by a tombstone").isEmpty();
            assertThat(zones.find("999")).isEmpty();
        }
    }

    @Test
    void readsPastTransactionMarkersAndSkipsAbortedRecords() throws Exception {
        String topic = topic("transactions", 1);
        try (ReferenceTopicCatchUp<String> zones = catchUp(topic);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                platform.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                "zones-" + System.nanoTime()),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "2", "committed"));
            producer.commitTransaction();

            // The log ends in a commit marker: an offset no record has, which the catch-up must still get past.
            assertThat(zones.find("2")).contains("committed");
            assertThat(zones.find("1")).isEmpty();
        }
    }

    private static ReferenceTopicCatchUp<String> catchUp(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        return new ReferenceTopicCatchUp<>(
                topic,
                Canonical::zoneId,
                new StringDeserializer(),
                () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                Duration.ofSeconds(10));
    }

    private static String topic(String name, int partitions) throws Exception {
        String topic = "catch-up-" + name + "-" + System.nanoTime();
        admin.createTopics(List.of(
                        new NewTopic(topic, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all()
                .get();
        return topic;
    }

    private static void send(String topic, Map<String, String> records) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (Map.Entry<String, String> record : records.entrySet()) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()))
                        .get();
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }
}
