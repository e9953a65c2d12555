package io.mobility.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.Topics;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.zone.Zone;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.AvroDecodeException;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.simulator.SimulateCommand;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.tlc.ReplayTlcCommand;
import io.mobility.testkit.kafka.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands against a real in-process broker and schema registry: a consumer that knows nothing of the
 * simulator reads back exactly what the manifest says, by topic, by type and by fault kind.
 */
class SimulateOnKafkaIT {

    private static final List<String> TOPICS = List.of(
            Topics.ZONES.name(),
            Topics.DRIVERS.name(),
            Topics.RIDERS.name(),
            Topics.RIDE_EVENTS_RAW.name(),
            Topics.DRIVER_EVENTS_RAW.name());

    static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aConsumerReadsExactlyWhatTheManifestSays(@TempDir Path dir) throws Exception {
        Path manifestFile = dir.resolve("manifest.json");
        int code = new CommandLine(new SimulateCommand())
                .execute(
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        platform.registryUrl(),
                        "--start",
                        "2025-05-02T12:00:00Z",
                        "--days",
                        "0.125",
                        "--drivers",
                        "600",
                        "--riders",
                        "2000",
                        "--seed",
                        "11",
                        "--dirty-rate",
                        "0.01",
                        "--manifest",
                        manifestFile.toString());
        assertThat(code).isZero();
        JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
        long total = manifest.get("records_total").asLong();
        assertThat(total).isGreaterThan(10_000);

        // Half a second more once all have come: anything beyond what the manifest says would be a bug too.
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.bytes(platform.bootstrapServers())
                .thenWait(Duration.ofMillis(500))
                .read(TOPICS, total, Duration.ofSeconds(90));

        Map<String, Long> byTopic = new TreeMap<>();
        records.forEach(r -> byTopic.merge(r.topic(), 1L, Long::sum));
        assertThat(byTopic).isEqualTo(toMap(manifest.get("records_by_topic")));

        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        platform.registryUrl(),
                        AvroSerdeConfig.SPECIFIC_AVRO_READER,
                        true),
                false);
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> faults = new TreeMap<>();
        Set<String> eventIds = new HashSet<>();
        Instant wallNow = Instant.now();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            SpecificRecord value;
            try {
                value = deserializer.deserialize(r.topic(), r.value());
            } catch (AvroDecodeException e) {
                String kind = switch (e.reason()) {
                    case BAD_MAGIC_BYTE -> "undecodable_bytes";
                    case UNKNOWN_SCHEMA_ID -> "unknown_schema_id";
                    default -> "other: " + e.reason();
                };
                faults.merge(kind, 1L, Long::sum);
                continue;
            }
            byType.merge(Manifest.typeOf(value), 1L, Long::sum);
            if (value instanceof RideEvent e) {
                assertThat(new String(r.key())).isEqualTo(e.getRideId());
                if (!eventIds.add(e.getEventId())) {
                    faults.merge("duplicate", 1L, Long::sum);
                }
                if (e.getPickup() != null && Math.abs(e.getPickup().getLat()) > 90) {
                    faults.merge("bad_coordinates", 1L, Long::sum);
                }
                if ("999".equals(e.getPickupZoneId())) {
                    faults.merge("unknown_zone", 1L, Long::sum);
                }
                if (e.getFare() != null && e.getFare().getTotal().signum() < 0) {
                    faults.merge("negative_fare", 1L, Long::sum);
                }
                if (e.getEventTime().isAfter(wallNow.plus(Duration.ofHours(23)))) {
                    faults.merge("future_timestamp", 1L, Long::sum);
                }
                boolean missing = switch (e.getEventType()) {
                    case RIDE_REQUESTED -> e.getPickupZoneId() == null;
                    case DRIVER_ASSIGNED -> e.getDriverId() == null;
                    case RIDE_COMPLETED -> e.getFare() == null;
                    default -> false;
                };
                if (missing) {
                    faults.merge("missing_required_field", 1L, Long::sum);
                }
            } else if (value instanceof DriverEvent e) {
                assertThat(new String(r.key())).isEqualTo(e.getDriverId());
            } else if (value instanceof Zone z) {
                assertThat(new String(r.key())).isEqualTo(z.getZoneId());
            }
        }
        assertThat(byType).isEqualTo(toMap(manifest.get("events_by_type")));
        Map<String, Long> expectedFaults = toMap(manifest.get("faults"));
        // late and out-of-order events are valid events sent late: the consumer sees them as ordinary ones
        expectedFaults.remove("late");
        expectedFaults.remove("out_of_order");
        assertThat(faults).isEqualTo(expectedFaults);
        assertThat(manifest.get("faults").get("late").asLong()).isPositive();
        assertThat(manifest.get("faults").get("out_of_order").asLong()).isPositive();
    }

    @Test
    void replayTlcSendsEveryTripsEventsToKafka(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Path csv = Path.of(SimulateOnKafkaIT.class
                .getResource("/tlc/yellow_tripdata_2019-03_official_names.csv")
                .toURI());
        int code = new CommandLine(new ReplayTlcCommand())
                .execute(
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        platform.registryUrl(),
                        "--skip-zones",
                        "--report",
                        report.toString(),
                        csv.toString());
        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("trips_valid").asLong()).isEqualTo(8);

        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        platform.registryUrl(),
                        AvroSerdeConfig.SPECIFIC_AVRO_READER,
                        true),
                false);
        List<RideEvent> tlc = TopicReader.bytes(platform.bootstrapServers())
                .thenWait(Duration.ofMillis(500))
                .read(List.of(Topics.RIDE_EVENTS_RAW.name()), Long.MAX_VALUE, Duration.ofSeconds(5))
                .stream()
                .filter(r -> new String(r.key()).startsWith("tlc-"))
                .map(r -> (RideEvent) deserializer.deserialize(r.topic(), r.value()))
                .toList();
        assertThat(tlc).hasSize(32);
        assertThat(tlc)
                .filteredOn(e -> e.getEventType().name().equals("RIDE_COMPLETED"))
                .hasSize(8)
                .allMatch(e -> e.getFare() != null && e.getProducer().getName().equals("tlc-replay"));
    }

    private static Map<String, Long> toMap(JsonNode node) {
        Map<String, Long> m = new TreeMap<>();
        node.fields().forEachRemaining(f -> {
            if (f.getValue().asLong() != 0) {
                m.put(f.getKey(), f.getValue().asLong());
            }
        });
        return m;
    }
}
