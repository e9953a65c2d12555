package io.mobility.streams.driver;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.ride.VehicleType;
import io.mobility.streams.ReferenceTableChanges;
import io.mobility.streams.ReferenceTopicCatchUp;
import io.mobility.streams.StreamsSettings;
import io.mobility.streams.standardize.Canonical;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The drivers reference table (global store loaded from {@code mobility.drivers}). */
public final class DriverDirectory implements AutoCloseable {

    /** Name of the global store holding the drivers table. */
    public static final String STORE = "drivers";

    private static final int MAX_CACHED = 100_000;

    private final Function<String, Driver> drivers;
    private final LongSupplier changes;
    private final ReferenceTopicCatchUp<Driver> topic;
    private final Map<String, VehicleType> cache = new HashMap<>();
    private final Set<String> notInTopic = new HashSet<>();
    private long cachedAt;

    /**
     * Keeps the vehicle types looked up until {@code changes} (the drivers table's change count) moves. For one
     * thread: each processor has its own.
     *
     * @param drivers driver by id, null when unknown: the global store's {@code get}
     * @param topic   asked when {@code drivers} does not know an id (may be null): the global table can be behind
     *                its topic, and a driver registered an instant before its first ride would get no vehicle type
     *                (see {@link ReferenceTopicCatchUp})
     */
    public DriverDirectory(
            Function<String, Driver> drivers, LongSupplier changes, ReferenceTopicCatchUp<Driver> topic) {
        this.drivers = drivers;
        this.changes = changes;
        this.topic = topic;
    }

    /**
     * The drivers table of the app {@code context} belongs to, with the drivers topic behind it unless
     * {@code mobility.driver.recheck.topic} is false.
     */
    public static DriverDirectory open(ProcessorContext<?, ?> context) {
        KeyValueStore<String, Driver> store = context.getStateStore(STORE);
        ReferenceTopicCatchUp<Driver> topic =
                StreamsSettings.flag(context.appConfigs(), StreamsSettings.DRIVER_RECHECK_TOPIC)
                        ? ReferenceTopicCatchUp.of(context, Topics.DRIVERS.name(), Canonical::id, Driver.class)
                        : null;
        return new DriverDirectory(store::get, ReferenceTableChanges.of(STORE), topic);
    }

    /** The driver's vehicle type, or UNKNOWN when the driver is not in the reference data. */
    public VehicleType vehicleType(String driverId) {
        if (driverId == null) {
            return VehicleType.UNKNOWN;
        }
        long now = changes.getAsLong();
        if (now != cachedAt || cache.size() >= MAX_CACHED) {
            cache.clear();
            cachedAt = now;
        }
        VehicleType type = cache.get(driverId);
        if (type == null) {
            Driver driver = find(driverId);
            type = driver == null ? VehicleType.UNKNOWN : driver.getVehicleType();
            cache.put(driverId, type);
        }
        return type;
    }

    /** The driver from the table, else from the topic unless the topic lacked it before; null when unknown. */
    private Driver find(String driverId) {
        Driver driver = drivers.apply(driverId);
        if (driver != null || topic == null || notInTopic.contains(driverId)) {
            return driver;
        }
        driver = topic.find(driverId).orElse(null);
        if (driver == null) {
            // Unlike an unknown zone, an unknown driver is no error, only an enrichment missing, and may be named by
            // every ride (a TLC replay's "tlc-vendor-2"): the topic is read once per driver, then only the table is
            // asked, which has the driver once the global thread applies a registration.
            if (notInTopic.size() >= MAX_CACHED) {
                notInTopic.clear();
            }
            notInTopic.add(driverId);
        }
        return driver;
    }

    @Override
    public void close() {
        if (topic != null) {
            topic.close();
        }
    }
}
