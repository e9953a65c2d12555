package io.mobility.streams.zone;

import io.mobility.streams.store.RecentValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Sums zone signals per zone and minute inside the task that produced them and sends the sums on to the zone-state
 * step on a wall-clock schedule, instead of re-keying every signal by zone: the repartition topic then carries one
 * record per zone and minute touched per interval rather than one per event. The sums wait in a logged, cached
 * store, so a commit between two sends loses nothing: after a crash the restored store still holds them.
 */
public final class ZoneSignalBuffer implements Processor<String, ZoneSignal, String, ZoneDelta> {

    public static final String STORE = "zone-signal-buffer";

    // Zone-minutes touched between two sends: every zone times the minutes of event time one interval covers.
    static final int RECENT_SUMS = 8192;

    private final Duration sendInterval;
    private ProcessorContext<String, ZoneDelta> context;
    private KeyValueStore<String, ZoneDelta> pending;
    // The sums live between two sends; every one is written through to the store.
    private RecentValues<String, ZoneDelta> sums;

    public ZoneSignalBuffer(Duration sendInterval) {
        this.sendInterval = sendInterval;
    }

    public static StoreBuilder<KeyValueStore<String, ZoneDelta>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), ZoneDelta.serde())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, ZoneDelta> context) {
        this.context = context;
        pending = context.getStateStore(STORE);
        sums = new RecentValues<>(RECENT_SUMS);
        context.schedule(sendInterval, PunctuationType.WALL_CLOCK_TIME, now -> sendPending());
    }

    @Override
    public void process(Record<String, ZoneSignal> record) {
        String zone = record.key();
        ZoneSignal signal = record.value();
        if (zone == null || signal == null) {
            return;
        }
        String key = zone + "|" + ZoneDelta.slot(signal);
        ZoneDelta sum = sums.get(key, pending::get);
        ZoneDelta updated = (sum == null ? ZoneDelta.startFor(signal) : sum).plus(signal);
        pending.put(key, updated);
        sums.put(key, updated);
    }

    private void sendPending() {
        List<String> sent = new ArrayList<>();
        try (KeyValueIterator<String, ZoneDelta> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, ZoneDelta> entry = it.next();
                String zone = entry.key.substring(0, entry.key.lastIndexOf('|'));
                context.forward(new Record<>(zone, entry.value, entry.value.latestTimeMs()));
                sent.add(entry.key);
            }
        }
        sent.forEach(pending::delete);
        sums.clear();
    }
}
