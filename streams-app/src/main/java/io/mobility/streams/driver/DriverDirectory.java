package io.mobility.streams.driver;

import io.mobility.events.driver.Driver;
import io.mobility.events.ride.VehicleType;
import org.apache.kafka.streams.state.KeyValueStore;

/** The drivers reference table (global store loaded from {@code mobility.drivers}). */
public final class DriverDirectory {

    /** Name of the global store holding the drivers table. */
    public static final String STORE = "drivers";

    private final KeyValueStore<String, Driver> drivers;

    public DriverDirectory(KeyValueStore<String, Driver> drivers) {
        this.drivers = drivers;
    }

    /** The driver's vehicle type, or UNKNOWN when the driver is not in the reference data. */
    public VehicleType vehicleType(String driverId) {
        Driver driver = driverId == null ? null : drivers.get(driverId);
        return driver == null ? VehicleType.UNKNOWN : driver.getVehicleType();
    }
}
