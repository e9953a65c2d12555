package io.mobility.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.ride.VehicleType;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.SpecificAvroSerde;
import io.mobility.streams.ReferenceTopicCatchUp;
import io.mobility.streams.driver.DriverDirectory;
import io.mobility.streams.standardize.Canonical;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A driver directory whose global table is behind its topic answers from the topic; a driver the topic does not
 * have either is asked of the table only from then on (a replay names drivers no table has, on every ride).
 */
class DriverDirectoryRecheckIT {

    @Test
    void aDriverTheTableHasNotAppliedYetIsKnownFromTheTopicAndAnUnknownOneIsReadOnce() {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            Map<String, Driver> table = new HashMap<>();
            AtomicLong tableChanges = new AtomicLong();
            AtomicLong consumersMade = new AtomicLong();
            SpecificAvroSerde<Driver> serde = new SpecificAvroSerde<>(Driver.class);
            serde.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
            Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            ReferenceTopicCatchUp<Driver> topic = new ReferenceTopicCatchUp<>(
                    Topics.DRIVERS.name(),
                    Canonical::id,
                    serde.deserializer(),
                    () -> {
                        consumersMade.incrementAndGet();
                        return new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                    },
                    Duration.ofSeconds(10));
            Driver xl = driver("driver-xl", VehicleType.XL);
            cluster.send(List.of(record(cluster, xl)));

            try (DriverDirectory drivers = new DriverDirectory(table::get, tableChanges::get, topic)) {
                assertThat(drivers.vehicleType("driver-xl"))
                        .as("registered, not yet in the table")
                        .isEqualTo(VehicleType.XL);
                assertThat(drivers.vehicleType("driver-none")).isEqualTo(VehicleType.UNKNOWN);

                Driver late = driver("driver-none", VehicleType.COMFORT);
                cluster.send(List.of(record(cluster, late)));
                tableChanges.incrementAndGet(); // another driver reached the table: the cache is dropped
                assertThat(drivers.vehicleType("driver-none"))
                        .as("not read from the topic again")
                        .isEqualTo(VehicleType.UNKNOWN);

                table.put(late.getDriverId(), late);
                tableChanges.incrementAndGet();
                assertThat(drivers.vehicleType("driver-none"))
                        .as("known once the table has it")
                        .isEqualTo(VehicleType.COMFORT);
                assertThat(drivers.vehicleType("driver-xl")).isEqualTo(VehicleType.XL);
            }
            assertThat(consumersMade).as("one consumer, made on the first miss").hasValue(1);
        }
    }

    private static Driver driver(String id, VehicleType type) {
        return Driver.newBuilder()
                .setDriverId(id)
                .setVehicleType(type)
                .setSignupDate(LocalDate.of(2026, 1, 1))
                .setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }

    private static ProducerRecord<byte[], byte[]> record(Cluster cluster, Driver driver) {
        return new ProducerRecord<>(
                Topics.DRIVERS.name(),
                Cluster.utf8(driver.getDriverId()),
                cluster.encode(Topics.DRIVERS.name(), driver));
    }
}
