package io.mobility.streams.it;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.ride.VehicleType;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.AvroSerializer;
import io.mobility.streams.Events;
import io.mobility.streams.StreamsSettings;
import io.mobility.testkit.Poll;
import io.mobility.testkit.kafka.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/** Producing to and reading back from the real in-process broker and registry. */
final class Cluster {

    private final LocalPlatform platform;
    private final AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();

    Cluster(LocalPlatform platform) {
        this.platform = platform;
        serializer.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
    }

    byte[] encode(String topic, SpecificRecord record) {
        return serializer.serialize(topic, record);
    }

    /** The test city's zones and a driver per ten rides in the reference topics. */
    void loadReferenceData(int drivers) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Events.zones()
                .forEach(z -> records.add(new ProducerRecord<>(
                        Topics.ZONES.name(), utf8(z.getZoneId()), encode(Topics.ZONES.name(), z))));
        for (int d = 0; d < drivers; d++) {
            Driver driver = Driver.newBuilder()
                    .setDriverId("driver-ride-" + d)
                    .setVehicleType(VehicleType.COMFORT)
                    .setSignupDate(LocalDate.of(2025, 1, 1))
                    .setUpdatedAt(Instant.now())
                    .build();
            records.add(new ProducerRecord<>(
                    Topics.DRIVERS.name(), utf8(driver.getDriverId()), encode(Topics.DRIVERS.name(), driver)));
        }
        send(records);
    }

    void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /** A producer of encoded records, acknowledged by the broker before a flush returns. */
    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.ACKS_CONFIG,
                "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The app's settings against this broker and registry: a new application id and state directory. */
    StreamsSettings appSettings(String name) throws IOException {
        return StreamsSettings.load(
                null,
                Map.of(),
                Map.of(
                        "application.id", name + "-" + System.nanoTime(),
                        "bootstrap.servers", platform.bootstrapServers(),
                        "schema.registry.url", platform.registryUrl(),
                        "state.dir",
                                Files.createTempDirectory("streams-" + name).toString()));
    }

    /** Starts {@code streams} and waits until it is running (a minute at most). */
    static void startAndAwaitRunning(KafkaStreams streams) throws Exception {
        streams.start();
        Poll.until("the app RUNNING", Duration.ofSeconds(60), streams::state, s -> s == KafkaStreams.State.RUNNING);
    }

    /** Reads {@code topic} from the start, committed records only, until {@code done} holds or time runs out. */
    <V> List<ConsumerRecord<String, V>> readCommitted(
            String topic, Deserializer<V> values, Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
        return TopicReader.of(platform.bootstrapServers(), new StringDeserializer(), values)
                .readUntil(List.of(topic), done, timeout);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
