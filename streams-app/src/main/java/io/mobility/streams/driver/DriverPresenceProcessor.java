package io.mobility.streams.driver;

import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.streams.store.RecentValues;
import io.mobility.streams.zone.ZoneSignal;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Tracks where each driver is available (latest event by event time wins) and turns changes into +1/-1 signals for
 * the zones they leave and enter, keyed by zone.
 */
public final class DriverPresenceProcessor implements Processor<String, DriverEvent, String, ZoneSignal> {

    public static final String STORE = "driver-presence";

    // A task's drivers on shift ping every few seconds: up to this many, their presence is read from memory; past
    // it, the least recently seen are read back from the store.
    static final int RECENT_DRIVERS = 16_384;

    private KeyValueStore<String, String> presence;
    private RecentValues<String, String> recent;
    private ProcessorContext<String, ZoneSignal> context;

    /**
     * Cached: where a driver's events come in runs within one commit (as in the benchmark's input), the cache sends
     * one changelog record per driver per commit instead of one per event. Live pings of a driver are seconds apart,
     * where it collapses little; an uncached store was tried and not kept (docs/benchmarks.md, streams).
     */
    public static StoreBuilder<KeyValueStore<String, String>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, ZoneSignal> context) {
        this.context = context;
        presence = context.getStateStore(STORE);
        recent = new RecentValues<>(RECENT_DRIVERS);
    }

    @Override
    public void process(Record<String, DriverEvent> record) {
        DriverEvent event = record.value();
        long time = event.getEventTime().toEpochMilli();
        String previous = recent.get(record.key(), presence::get);
        if (previous != null && time < timeOf(previous)) {
            return;
        }
        boolean available = event.getEventType() != DriverEventType.DRIVER_OFFLINE
                && event.getStatus() == DriverStatus.AVAILABLE
                && event.getZoneId() != null;
        String zoneBefore = previous == null ? "" : zoneOf(previous);
        String zoneNow = available ? event.getZoneId() : "";
        String now = time + "|" + zoneNow;
        presence.put(record.key(), now);
        recent.put(record.key(), now);
        if (zoneBefore.equals(zoneNow)) {
            return;
        }
        if (!zoneBefore.isEmpty()) {
            context.forward(new Record<>(
                    zoneBefore, new ZoneSignal(ZoneSignal.Kind.DRIVER_AVAILABLE, time, Double.NaN, -1), time));
        }
        if (!zoneNow.isEmpty()) {
            context.forward(
                    new Record<>(zoneNow, new ZoneSignal(ZoneSignal.Kind.DRIVER_AVAILABLE, time, Double.NaN, 1), time));
        }
    }

    private static long timeOf(String presence) {
        return Long.parseLong(presence.substring(0, presence.indexOf('|')));
    }

    private static String zoneOf(String presence) {
        return presence.substring(presence.indexOf('|') + 1);
    }
}
