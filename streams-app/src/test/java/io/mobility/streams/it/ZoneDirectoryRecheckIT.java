package io.mobility.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.zone.Zone;
import io.mobility.platform.LocalPlatform;
import io.mobility.serde.SpecificAvroSerde;
import io.mobility.streams.Events;
import io.mobility.streams.ReferenceTopicCatchUp;
import io.mobility.streams.standardize.Canonical;
import io.mobility.streams.zone.ZoneDirectory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** A zone directory whose global table is behind its topic answers from the topic, and asks it again on a miss. */
class ZoneDirectoryRecheckIT {

    @Test
    void aZoneTheTableHasNotAppliedYetIsKnownFromTheTopic() {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            Map<String, Zone> table = new HashMap<>();
            SpecificAvroSerde<Zone> serde = new SpecificAvroSerde<>(Zone.class);
            serde.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
            Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            ReferenceTopicCatchUp<Zone> topic = new ReferenceTopicCatchUp<>(
                    Topics.ZONES.name(),
                    Canonical::zoneId,
                    serde.deserializer(),
                    () -> new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    Duration.ofSeconds(10));
            // The table never changes here: the global thread has not applied anything yet.
            try (ZoneDirectory zones = new ZoneDirectory(table::get, () -> 0L, topic)) {
                assertThat(zones.knows(Events.MIDTOWN)).isFalse();

                Zone midtown = Events.zones().get(0);
                cluster.send(List.of(new ProducerRecord<>(
                        Topics.ZONES.name(),
                        Cluster.utf8(midtown.getZoneId()),
                        cluster.encode(Topics.ZONES.name(), midtown))));

                assertThat(zones.knows(Events.MIDTOWN))
                        .as("the earlier 'unknown' was not kept")
                        .isTrue();
                assertThat(zones.find(Events.MIDTOWN).orElseThrow().getName()).isEqualTo(midtown.getName());
                assertThat(zones.mayContain(Events.MIDTOWN, Events.inMidtown())).isTrue();
                assertThat(zones.mayContain(Events.MIDTOWN, Events.inJfk())).isFalse();
                assertThat(zones.knows(Events.JFK)).isFalse();
            }
        }
    }
}
