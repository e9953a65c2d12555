package io.mobility.streams.ride;

import io.mobility.events.Topics;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerializer;
import io.mobility.streams.MobilityMetrics;
import io.mobility.streams.driver.DriverDirectory;
import io.mobility.streams.store.RecentValues;
import io.mobility.streams.zone.ZoneDirectory;
import io.mobility.streams.zone.ZoneSignal;
import io.mobility.streams.zone.ZoneSignals;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each ride's state in a store and emits it every time one of its events is applied, to the rides node, and
 * what the step means for its pickup zone, keyed by zone, to the zone-signals node. Forwarding to the two by name
 * spares every event the map and flat-map nodes that would split one output in two. A state is encoded once, in
 * the rides topic's wire format, and the same bytes go to the store and to the topic. The states of recently folded
 * rides are also kept decoded in front of the store ({@link RecentValues}): the next event of a ride still among the
 * task's most recent skips the store's read path and the Avro decode.
 */
public final class RideFoldProcessor implements Processor<String, RideEvent, String, Object> {

    // Per task: enough for the rides whose events are minutes apart in a busy city, a few MB of states.
    static final int RECENT_RIDES = 4096;

    private final String storeName;
    private final String ridesNode;
    private final String zoneSignalsNode;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> rides;
    private AvroSerializer<RideState> encoder;
    private AvroDeserializer<RideState> decoder;
    private ZoneDirectory zones;
    private DriverDirectory drivers;
    private RideFold fold;
    private final Map<FoldOutcome, Sensor> outcomes = new EnumMap<>(FoldOutcome.class);
    private RecentValues<String, RideState> recent;

    public RideFoldProcessor(String storeName, String ridesNode, String zoneSignalsNode) {
        this.storeName = storeName;
        this.ridesNode = ridesNode;
        this.zoneSignalsNode = zoneSignalsNode;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        rides = context.getStateStore(storeName);
        recent = new RecentValues<>(RECENT_RIDES);
        encoder = new AvroSerializer<>();
        encoder.configure(context.appConfigs(), false);
        decoder = new AvroDeserializer<>(null, RideState.class);
        decoder.configure(context.appConfigs(), false);
        zones = ZoneDirectory.open(context);
        drivers = DriverDirectory.open(context);
        fold = new RideFold(zones, drivers);
        for (FoldOutcome outcome : FoldOutcome.values()) {
            outcomes.put(
                    outcome,
                    MobilityMetrics.counter(
                            context.metrics(),
                            "rides",
                            "fold-"
                                    + outcome.name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', '-')));
        }
    }

    @Override
    public void process(Record<String, RideEvent> record) {
        RideEvent event = record.value();
        RideState state = recent.get(record.key(), this::stored);
        PreviousRideState before = PreviousRideState.of(state);
        if (state == null) {
            state = RideFold.empty(event);
        }
        FoldOutcome outcome = fold.apply(state, event, context.currentSystemTimeMs());
        outcomes.get(outcome).record();
        if (outcome == FoldOutcome.APPLIED) {
            byte[] encoded = encoder.serialize(Topics.RIDES.name(), state);
            rides.put(record.key(), encoded);
            recent.put(record.key(), state);
            context.forward(record.withValue(encoded), ridesNode);
            for (KeyValue<String, ZoneSignal> signal : ZoneSignals.of(new RideTransition(before, state))) {
                context.forward(record.withKey(signal.key).withValue(signal.value), zoneSignalsNode);
            }
        }
    }

    private RideState stored(String rideId) {
        byte[] stored = rides.get(rideId);
        return stored == null ? null : decoder.deserialize(Topics.RIDES.name(), stored);
    }

    @Override
    public void close() {
        zones.close();
        drivers.close();
    }
}
