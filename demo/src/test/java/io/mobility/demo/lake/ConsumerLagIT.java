package io.mobility.demo.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.platform.kafka.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lag the demo waits on, on a real broker, with the commit markers exactly-once producers leave. */
class ConsumerLagIT {

    private static EmbeddedKafka kafka;
    private static final TopicPartition TX = new TopicPartition("transactional", 0);
    private static final TopicPartition PLAIN = new TopicPartition("plain", 0);

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.builder().start();
        kafka.createTopic(TX.topic(), 1, Map.of());
        kafka.createTopic(PLAIN.topic(), 1, Map.of());
        try (KafkaProducer<String, String> tx = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "lag-test"),
                new StringSerializer(),
                new StringSerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            for (int i = 0; i < 5; i++) {
                tx.send(new ProducerRecord<>(TX.topic(), "k" + i, "v" + i));
            }
            tx.commitTransaction();
        }
        try (KafkaProducer<String, String> plain = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                plain.send(new ProducerRecord<>(PLAIN.topic(), "k" + i, "v" + i))
                        .get();
            }
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static void commit(String group, TopicPartition tp, long offset) throws Exception {
        kafka.admin()
                .alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(offset)))
                .all()
                .get();
    }

    @Test
    void aGroupPastTheLastRecordOfATransactionalTopicHasCaughtUpDespiteTheCommitMarker() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            Map<TopicPartition, Long> ends = lag.endOffsets(List.of(TX.topic()));
            assertThat(ends.get(TX)).as("5 records and the commit marker").isEqualTo(6);

            assertThat(lag.behind("never-committed", ends)).isEqualTo(5);
            commit("half-way", TX, 3);
            assertThat(lag.behind("half-way", ends)).isEqualTo(2);
            commit("done", TX, 5);
            assertThat(lag.behind("done", ends)).isZero();
        }
    }

    @Test
    void onAPlainTopicTheGapIsTheOffsetDifference() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            Map<TopicPartition, Long> ends = lag.endOffsets(List.of(PLAIN.topic()));
            assertThat(ends.get(PLAIN)).isEqualTo(3);
            commit("plain-one", PLAIN, 1);
            assertThat(lag.behind("plain-one", ends)).isEqualTo(2);
            commit("plain-all", PLAIN, 3);
            assertThat(lag.behind("plain-all", ends)).isZero();
        }
    }
}
