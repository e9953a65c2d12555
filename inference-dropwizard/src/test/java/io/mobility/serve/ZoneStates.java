package io.mobility.serve;

import io.mobility.events.Topics;
import io.mobility.events.zone.ZoneState;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.AvroSerializer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes zone states to the real zone-state topic as the streams app does (key {@code <zone>/<window>}). */
public final class ZoneStates {

    private ZoneStates() {}

    public static ZoneState state(
            String zone, int requests, int open, int drivers, Instant windowEnd, Instant updatedAt) {
        return ZoneState.newBuilder()
                .setZoneId(zone)
                .setWindowMinutes(5)
                .setWindowStart(windowEnd.minusSeconds(300))
                .setWindowEnd(windowEnd)
                .setRideRequests(requests)
                .setOpenRequests(open)
                .setAvailableDrivers(drivers)
                .setCompletedRides(requests - open)
                .setCancelledRides(0)
                .setUpdatedAt(updatedAt)
                .build();
    }

    public static void publish(LocalPlatform platform, ZoneState... states) {
        Map<String, Object> config =
                Map.of("bootstrap.servers", platform.bootstrapServers(), "schema.registry.url", platform.registryUrl());
        AvroSerializer<ZoneState> values = new AvroSerializer<>();
        values.configure(config, false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>copyOf(config), new StringSerializer(), values)) {
            for (ZoneState state : states) {
                String key = state.getZoneId() + "/" + state.getWindowMinutes();
                producer.send(new ProducerRecord<>(Topics.ZONE_STATE.name(), key, state));
            }
            producer.flush();
        }
    }
}
