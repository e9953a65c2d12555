package io.mobility.streams.driver;

import io.mobility.events.driver.Driver;
import io.mobility.events.ride.VehicleType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/** The drivers reference table (global store loaded from {@code mobility.drivers}). */
public final class DriverDirectory {

    /** Name of the global store holding the drivers table. */
    public static final String STORE = "drivers";

    private static final int MAX_CACHED = 100_000;

    private final KeyValueStore<String, Driver> drivers;
    private final LongSupplier changes;
    private final Map<String, VehicleType> cache = new HashMap<>();
    private long cachedAt;

    /**
     * Keeps the vehicle types looked up until {@code changes} (the drivers table's change count) moves. For one
     * thread: each processor has its own.
     */
    public DriverDirectory(KeyValueStore<String, Driver> drivers, LongSupplier changes) {
        this.drivers = drivers;
        this.changes = changes;
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
            Driver driver = drivers.get(driverId);
            type = driver == null ? VehicleType.UNKNOWN : driver.getVehicleType();
            cache.put(driverId, type);
        }
        return type;
    }
}
