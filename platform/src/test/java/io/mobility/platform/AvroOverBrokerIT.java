package io.mobility.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.ExampleEvents;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import io.mobility.testkit.kafka.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every record of the contract, produced with the serde through a real broker and registry and consumed back. */
class AvroOverBrokerIT {

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        platform.kafka().createTopic("round-trip", 1, Map.of());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void everyContractRecordRoundTripsThroughTheBroker() {
        List<SpecificRecord> sent = ExampleEvents.everyType();
        Map<String, Object> serde = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                platform.registryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER,
                true,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "TopicRecordNameStrategy");
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serde, false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "round-trip-test"),
                new StringSerializer(),
                serializer)) {
            producer.initTransactions();
            producer.beginTransaction();
            sent.forEach(record -> producer.send(
                    new ProducerRecord<>("round-trip", record.getSchema().getName(), record)));
            producer.commitTransaction();
        }

        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(serde, false);
        List<ConsumerRecord<String, SpecificRecord>> records = TopicReader.of(
                        platform.bootstrapServers(), new StringDeserializer(), deserializer)
                .read(List.of("round-trip"), sent.size(), Duration.ofSeconds(30));
        records.forEach(record ->
                assertThat(record.key()).isEqualTo(record.value().getSchema().getName()));
        List<SpecificRecord> received =
                records.stream().map(ConsumerRecord::value).toList();

        assertThat(received).containsExactlyElementsOf(sent);
    }
}
