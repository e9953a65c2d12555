package io.mobility.streams.ride;

import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.streams.MobilityMetrics;
import io.mobility.streams.ReferenceTableChanges;
import io.mobility.streams.driver.DriverDirectory;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each ride's state in a store and emits it every time one of its events is applied. */
public final class RideFoldProcessor implements FixedKeyProcessor<String, RideEvent, RideTransition> {

    private final String storeName;
    private FixedKeyProcessorContext<String, RideTransition> context;
    private KeyValueStore<String, RideState> rides;
    private RideFold fold;
    private final Map<FoldOutcome, Sensor> outcomes = new EnumMap<>(FoldOutcome.class);

    public RideFoldProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, RideTransition> context) {
        this.context = context;
        rides = context.getStateStore(storeName);
        fold = new RideFold(new ZoneDirectory(context.<org.apache.kafka.streams.state.KeyValueStore<String, io.mobility.events.zone.Zone>>getStateStore(ZoneDirectory.STORE)::get,
                ReferenceTableChanges.of(ZoneDirectory.STORE)),
                new DriverDirectory(context.getStateStore(DriverDirectory.STORE),
                        ReferenceTableChanges.of(DriverDirectory.STORE)));
        for (FoldOutcome outcome : FoldOutcome.values()) {
            outcomes.put(outcome, MobilityMetrics.counter(context.metrics(), "rides",
                    "fold-" + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        }
    }

    @Override
    public void process(FixedKeyRecord<String, RideEvent> record) {
        RideEvent event = record.value();
        RideState state = rides.get(record.key());
        RideFacts before = RideFacts.of(state);
        if (state == null) {
            state = RideFold.empty(event);
        }
        FoldOutcome outcome = fold.apply(state, event, context.currentSystemTimeMs());
        outcomes.get(outcome).record();
        if (outcome == FoldOutcome.APPLIED) {
            rides.put(record.key(), state);
            context.forward(record.withValue(new RideTransition(before, state)));
        }
    }
}
