package io.mobility.streams;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneState;
import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.serde.AvroSerializer;
import io.mobility.serde.SpecificAvroSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole topology on a TopologyTestDriver, with an in-memory registry and the test city's zones loaded. */
final class StreamsFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    final String scope = "streams-test-" + UUID.randomUUID();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> rideRaw;
    final TestInputTopic<byte[], byte[]> driverRaw;
    final TestInputTopic<String, Zone> zones;
    final TestInputTopic<String, Driver> drivers;
    final TestOutputTopic<String, RideEvent> cleanRides;
    final TestOutputTopic<String, DriverEvent> cleanDrivers;
    final TestOutputTopic<String, QuarantineRecord> quarantine;
    final TestOutputTopic<String, RideState> rides;
    final TestOutputTopic<String, ZoneState> zoneState;
    private final Map<String, Object> serdeConfig;
    private final Path stateDir;

    StreamsFixture() {
        this(Map.of());
    }

    StreamsFixture(Map<String, String> overrides) {
        try {
            stateDir = Files.createTempDirectory("streams-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(Map.of(
                "application.id",
                "mobility-streams-test",
                "bootstrap.servers",
                "unused:9092",
                // The global stores are loaded synchronously here, and there is no broker to read their topics from.
                StreamsSettings.ZONE_RECHECK_TOPIC,
                "false",
                StreamsSettings.DRIVER_RECHECK_TOPIC,
                "false",
                "schema.registry.url",
                "mem://" + scope,
                "state.dir",
                stateDir.toString()));
        all.putAll(overrides);
        StreamsSettings settings = StreamsSettings.load(null, Map.of(), all);
        serdeConfig = Map.of("schema.registry.url", "mem://" + scope);
        Properties props = settings.asProperties();
        driver = new TopologyTestDriver(MobilityTopology.build(settings), props, NOW);
        rideRaw = driver.createInputTopic(
                Topics.RIDE_EVENTS_RAW.name(), new ByteArraySerializer(), new ByteArraySerializer());
        driverRaw = driver.createInputTopic(
                Topics.DRIVER_EVENTS_RAW.name(), new ByteArraySerializer(), new ByteArraySerializer());
        zones = driver.createInputTopic(
                Topics.ZONES.name(), new StringSerializer(), serde(Zone.class).serializer());
        drivers = driver.createInputTopic(
                Topics.DRIVERS.name(),
                new StringSerializer(),
                serde(Driver.class).serializer());
        cleanRides = driver.createOutputTopic(
                Topics.RIDE_EVENTS_CLEAN.name(),
                new StringDeserializer(),
                serde(RideEvent.class).deserializer());
        cleanDrivers = driver.createOutputTopic(
                Topics.DRIVER_EVENTS_CLEAN.name(),
                new StringDeserializer(),
                serde(DriverEvent.class).deserializer());
        quarantine = driver.createOutputTopic(
                Topics.QUARANTINE.name(),
                new StringDeserializer(),
                serde(QuarantineRecord.class).deserializer());
        rides = driver.createOutputTopic(
                Topics.RIDES.name(),
                new StringDeserializer(),
                serde(RideState.class).deserializer());
        zoneState = driver.createOutputTopic(
                Topics.ZONE_STATE.name(),
                new StringDeserializer(),
                serde(ZoneState.class).deserializer());
        Events.zones().forEach(z -> zones.pipeInput(z.getZoneId(), z, NOW));
    }

    <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(serdeConfig, false);
        return serde;
    }

    /** Confluent wire-format bytes of {@code record} as a producer would send them to {@code topic}. */
    byte[] encode(String topic, SpecificRecord record) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig, false);
        return serializer.serialize(topic, record);
    }

    void send(RideEvent event) {
        rideRaw.pipeInput(utf8(event.getRideId()), encode(Topics.RIDE_EVENTS_RAW.name(), event), NOW);
    }

    void send(DriverEvent event) {
        driverRaw.pipeInput(utf8(event.getDriverId()), encode(Topics.DRIVER_EVENTS_RAW.name(), event), NOW);
    }

    void sendRawRide(String key, byte[] value) {
        rideRaw.pipeInput(utf8(key), value, NOW);
    }

    long metric(String entity, String operation) {
        return MobilityMetrics.total(driver.metrics(), entity, operation);
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.dropScope(scope);
        Serdes.String().close();
    }
}
