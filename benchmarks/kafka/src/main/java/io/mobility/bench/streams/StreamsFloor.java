package io.mobility.bench.streams;

import io.mobility.events.Topics;
import io.mobility.streams.dedup.Deduplicator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Kafka Streams with (next to) nothing to do, with the app's own settings (exactly_once_v2, commit interval,
 * threads), timed as the app is: what the runtime costs by itself, so the benchmark can tell that from the cost of
 * the topology. Two floors:
 * <ul>
 *   <li>{@link #copy}: the raw records copied as they are to one topic. No topology on Kafka Streams runs faster.
 *   <li>{@link #requiredWrites}: the writes the app cannot do without, with no decoding, checks or folding: every
 *   record's id into a changelogged dedup store (the app's own store, one point look-up and put), every record to
 *   a clean topic, every ride record to a rides topic. The app sends these plus the cached stores' changelogs and
 *   the zone state.
 * </ul>
 */
final class StreamsFloor {

    private StreamsFloor() {}

    static Topology copy(String target) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RIDE_EVENTS_RAW.name(), raw("ride-events-raw")).to(target, bytesTo("ride-copy"));
        builder.stream(Topics.DRIVER_EVENTS_RAW.name(), raw("driver-events-raw"))
                .to(target, bytesTo("driver-copy"));
        return builder.build();
    }

    static Topology requiredWrites(String cleanTopic, String ridesTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Deduplicator.store("floor-ride-ids"));
        builder.addStateStore(Deduplicator.store("floor-driver-ids"));
        KStream<byte[], byte[]> rides = builder.stream(Topics.RIDE_EVENTS_RAW.name(), raw("ride-events-raw"))
                .process(() -> new Remember("floor-ride-ids"), Named.as("ride-ids"), "floor-ride-ids");
        rides.to(cleanTopic, bytesTo("ride-clean"));
        rides.to(ridesTopic, bytesTo("rides"));
        builder.stream(Topics.DRIVER_EVENTS_RAW.name(), raw("driver-events-raw"))
                .process(() -> new Remember("floor-driver-ids"), Named.as("driver-ids"), "floor-driver-ids")
                .to(cleanTopic, bytesTo("driver-clean"));
        return builder.build();
    }

    /**
     * Puts an id per record into a dedup store and passes the record on. The id is the record's position, as long
     * as an event id and as unique, read from the record's metadata rather than decoded from its value.
     */
    private static final class Remember implements Processor<byte[], byte[], byte[], byte[]> {
        private final String storeName;
        private ProcessorContext<byte[], byte[]> context;
        private Deduplicator ids;

        Remember(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            KeyValueStore<String, Long> store = context.getStateStore(storeName);
            ids = new Deduplicator(store, Duration.ofHours(24));
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            var source = context.recordMetadata().orElseThrow();
            String id =
                    new String(record.key(), StandardCharsets.UTF_8) + "-" + source.partition() + "-" + source.offset();
            if (ids.firstSighting(id, record.timestamp())) {
                context.forward(record);
            }
        }
    }

    private static Consumed<byte[], byte[]> raw(String name) {
        return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name);
    }

    private static Produced<byte[], byte[]> bytesTo(String name) {
        return Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name);
    }
}
