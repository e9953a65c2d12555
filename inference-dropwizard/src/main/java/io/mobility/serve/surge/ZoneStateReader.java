package io.mobility.serve.surge;

import io.dropwizard.lifecycle.Managed;
import io.mobility.events.zone.ZoneState;
import io.mobility.serde.AvroDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted zone-state topic from the beginning into {@link LiveZoneStates} and keeps following it. No
 * consumer group: every service instance holds the whole table, as a Kafka Streams global table would.
 */
public final class ZoneStateReader implements Managed, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneStateReader.class);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final LiveZoneStates states;
    private final Clock clock;
    private volatile KafkaConsumer<String, ZoneState> consumer;
    private volatile boolean running;
    private Thread thread;

    public ZoneStateReader(
            String bootstrapServers, String schemaRegistryUrl, String topic, LiveZoneStates states, Clock clock) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "inference-zone-state");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put("schema.registry.url", schemaRegistryUrl);
        config.put("specific.avro.reader", true);
        this.consumerConfig = config;
        this.topic = topic;
        this.states = states;
        this.clock = clock;
    }

    @Override
    public void start() {
        AvroDeserializer<ZoneState> values = new AvroDeserializer<>(null, ZoneState.class);
        values.configure(consumerConfig, false);
        Properties props = new Properties();
        props.putAll(consumerConfig);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        running = true;
        thread = new Thread(this, "zone-state-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, ZoneState> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() != null) {
                            states.update(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    // One undecodable record must not blind the surge endpoint: skip it, loudly.
                    LOG.warn(
                            "Skipping undecodable zone-state record {}@{}: {}",
                            e.topicPartition(),
                            e.offset(),
                            e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                long lag = 0;
                for (TopicPartition partition : partitions) {
                    lag += consumer.currentLag(partition).orElse(0L);
                }
                states.progress(lag, clock.instant());
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Zone-state reader stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> waitForPartitions() {
        while (running) {
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                }
                LOG.warn("Topic {} has no partitions yet; retrying", topic);
            } catch (TimeoutException e) {
                // The broker may come up after the service: keep trying, the health check reports meanwhile.
                LOG.warn(
                        "No answer from {} about topic {}; retrying",
                        consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                        topic);
            }
        }
        throw new WakeupException();
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
