package io.mobility.streams.zone;

import io.mobility.events.zone.ZoneState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Live demand and supply per zone over sliding windows ending at the latest event time seen. Counts are kept per
 * zone and minute of event time, so a window is the sum of its minutes; changed zones are emitted on a wall-clock
 * schedule rather than per event, which bounds the output rate of the compacted zone-state topic.
 */
public final class ZoneStateProcessor implements Processor<String, ZoneDelta, String, ZoneState> {

    public static final String MINUTES_STORE = "zone-minutes";
    public static final String DRIVERS_STORE = "zone-available-drivers";
    private static final long MINUTE_MS = 60_000;

    private final List<Integer> windowsMinutes;
    private final Duration emitInterval;
    private final int longestWindow;

    private ProcessorContext<String, ZoneState> context;
    private KeyValueStore<String, ZoneMinute> minutes;
    private KeyValueStore<String, Integer> availableDrivers;
    private final Set<String> changedZones = new LinkedHashSet<>();
    private long latestEventTime = Long.MIN_VALUE;

    public ZoneStateProcessor(List<Integer> windowsMinutes, Duration emitInterval) {
        this.windowsMinutes = List.copyOf(windowsMinutes);
        this.emitInterval = emitInterval;
        this.longestWindow =
                windowsMinutes.stream().mapToInt(Integer::intValue).max().orElse(15);
    }

    public static List<StoreBuilder<?>> stores() {
        return List.of(
                // Cached: a busy zone-minute is rewritten many times per commit but logged once.
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(MINUTES_STORE), Serdes.String(), ZoneMinute.serde())
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(DRIVERS_STORE), Serdes.String(), Serdes.Integer())
                        .withCachingEnabled());
    }

    @Override
    public void init(ProcessorContext<String, ZoneState> context) {
        this.context = context;
        minutes = context.getStateStore(MINUTES_STORE);
        availableDrivers = context.getStateStore(DRIVERS_STORE);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitChangedZones());
    }

    @Override
    public void process(Record<String, ZoneDelta> record) {
        String zone = record.key();
        ZoneDelta delta = record.value();
        if (zone == null || delta == null) {
            return;
        }
        if (delta.isDrivers()) {
            Integer current = availableDrivers.get(zone);
            availableDrivers.put(zone, Math.max(0, (current == null ? 0 : current) + delta.drivers()));
        } else {
            String key = minuteKey(zone, delta.minute());
            ZoneMinute minute = minutes.get(key);
            minutes.put(key, (minute == null ? ZoneMinute.EMPTY : minute).plusDelta(delta.counts()));
        }
        latestEventTime = Math.max(latestEventTime, delta.latestTimeMs());
        changedZones.add(zone);
    }

    private void emitChangedZones() {
        if (changedZones.isEmpty()) {
            return;
        }
        long end = latestEventTime;
        long now = context.currentSystemTimeMs();
        for (String zone : changedZones) {
            Integer drivers = availableDrivers.get(zone);
            for (int window : windowsMinutes) {
                long start = end - window * MINUTE_MS;
                ZoneMinute sum = sum(zone, start / MINUTE_MS, end / MINUTE_MS);
                ZoneState state = ZoneState.newBuilder()
                        .setZoneId(zone)
                        .setWindowMinutes(window)
                        .setWindowStart(Instant.ofEpochMilli(start))
                        .setWindowEnd(Instant.ofEpochMilli(end))
                        .setRideRequests(sum.requests())
                        .setOpenRequests(sum.open())
                        .setAvailableDrivers(drivers == null ? 0 : drivers)
                        .setCompletedRides(sum.completed())
                        .setCancelledRides(sum.cancelled())
                        .setAvgSurgeMultiplier(sum.surgeCount() == 0 ? null : sum.surgeSum() / sum.surgeCount())
                        .setUpdatedAt(Instant.ofEpochMilli(now))
                        .build();
                context.forward(new Record<>(zone + "/" + window, state, end));
            }
            forgetBefore(zone, end / MINUTE_MS - longestWindow - 1);
        }
        changedZones.clear();
    }

    private ZoneMinute sum(String zone, long fromMinute, long toMinute) {
        ZoneMinute sum = ZoneMinute.EMPTY;
        try (KeyValueIterator<String, ZoneMinute> it =
                minutes.range(minuteKey(zone, fromMinute), minuteKey(zone, toMinute))) {
            while (it.hasNext()) {
                sum = sum.plus(it.next().value);
            }
        }
        return sum;
    }

    private void forgetBefore(String zone, long minute) {
        if (minute <= 0) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ZoneMinute> it = minutes.range(minuteKey(zone, 0), minuteKey(zone, minute))) {
            it.forEachRemaining((KeyValue<String, ZoneMinute> kv) -> old.add(kv.key));
        }
        old.forEach(minutes::delete);
    }

    /** Zero-padded so that a zone's minutes sort by time in the store. */
    static String minuteKey(String zone, long minute) {
        String digits = Long.toString(minute);
        return zone + "@" + "000000000000".substring(Math.min(12, digits.length())) + digits;
    }
}
