package io.mobility.streams.zone;

import io.mobility.events.Topics;
import io.mobility.events.geo.BoundingBox;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.zone.Zone;
import io.mobility.streams.ReferenceTableChanges;
import io.mobility.streams.ReferenceTopicCatchUp;
import io.mobility.streams.StreamsSettings;
import io.mobility.streams.standardize.Canonical;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The zones reference table as the topology sees it: the global store loaded from {@code mobility.zones}. */
public final class ZoneDirectory implements AutoCloseable {

    /** Name of the global store holding the zones table. */
    public static final String STORE = "zones";

    private static final int MAX_CACHED = 10_000;

    private final Function<String, Zone> zones;
    private final LongSupplier changes;
    private final ReferenceTopicCatchUp<Zone> topic;
    private final Map<String, Optional<Zone>> cache = new HashMap<>();
    private long cachedAt;

    /** @param zones zone by id, null when unknown: the global store's {@code get}; asked on every look-up */
    public ZoneDirectory(Function<String, Zone> zones) {
        this(zones, null);
    }

    /**
     * Keeps what {@code zones} answered (known and unknown ids) until {@code changes} moves. For one thread: each
     * processor has its own.
     */
    public ZoneDirectory(Function<String, Zone> zones, LongSupplier changes) {
        this(zones, changes, null);
    }

    /**
     * @param topic asked when {@code zones} does not know an id (may be null): the global table can be behind its
     *              topic (see {@link ReferenceTopicCatchUp}). A zone found there is kept like the table's; an id the
     *              topic does not have either is asked again next time
     */
    public ZoneDirectory(Function<String, Zone> zones, LongSupplier changes, ReferenceTopicCatchUp<Zone> topic) {
        this.zones = zones;
        this.changes = changes;
        this.topic = topic;
    }

    /**
     * The zones table of the app {@code context} belongs to, with the zones topic behind it unless
     * {@code mobility.zone.recheck.topic} is false.
     */
    public static ZoneDirectory open(ProcessorContext<?, ?> context) {
        KeyValueStore<String, Zone> store = context.getStateStore(STORE);
        ReferenceTopicCatchUp<Zone> topic =
                StreamsSettings.flag(context.appConfigs(), StreamsSettings.ZONE_RECHECK_TOPIC)
                        ? ReferenceTopicCatchUp.of(context, Topics.ZONES.name(), Canonical::zoneId, Zone.class)
                        : null;
        return new ZoneDirectory(store::get, ReferenceTableChanges.of(STORE), topic);
    }

    public Optional<Zone> find(String zoneId) {
        if (zoneId == null) {
            return Optional.empty();
        }
        if (changes == null) {
            return orFromTopic(zoneId, Optional.ofNullable(zones.apply(zoneId)));
        }
        long now = changes.getAsLong();
        if (now != cachedAt || cache.size() >= MAX_CACHED) {
            cache.clear();
            cachedAt = now;
        }
        Optional<Zone> zone = cache.get(zoneId);
        if (zone == null) {
            zone = Optional.ofNullable(zones.apply(zoneId));
            if (zone.isEmpty() && topic != null) {
                zone = topic.find(zoneId);
                if (zone.isEmpty()) {
                    // Not kept: the zone may be published a moment from now, and be asked for before the table has it.
                    return zone;
                }
            }
            cache.put(zoneId, zone);
        }
        return zone;
    }

    private Optional<Zone> orFromTopic(String zoneId, Optional<Zone> zone) {
        return zone.isEmpty() && topic != null ? topic.find(zoneId) : zone;
    }

    public boolean knows(String zoneId) {
        return find(zoneId).isPresent();
    }

    /** False only when the zone is known, has a bounding box, and the point lies outside it. */
    public boolean mayContain(String zoneId, GeoPoint point) {
        if (point == null) {
            return true;
        }
        BoundingBox box = find(zoneId).map(Zone::getBoundingBox).orElse(null);
        return box == null
                || (point.getLat() >= box.getMinLat()
                        && point.getLat() <= box.getMaxLat()
                        && point.getLon() >= box.getMinLon()
                        && point.getLon() <= box.getMaxLon());
    }

    @Override
    public void close() {
        if (topic != null) {
            topic.close();
        }
    }
}
