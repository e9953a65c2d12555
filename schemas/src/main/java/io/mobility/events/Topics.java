package io.mobility.events;

import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.events.rider.Rider;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneState;
import java.util.List;
import java.util.Optional;

/** The topics every module agrees on; docs/event-contract.md describes each one. */
public final class Topics {

    public static final Topic RIDE_EVENTS_RAW =
            new Topic("mobility.ride-events.raw", RideEvent.class, "ride_id", false);
    public static final Topic DRIVER_EVENTS_RAW =
            new Topic("mobility.driver-events.raw", DriverEvent.class, "driver_id", false);
    public static final Topic ZONES = new Topic("mobility.zones", Zone.class, "zone_id", true);
    public static final Topic DRIVERS = new Topic("mobility.drivers", Driver.class, "driver_id", true);
    public static final Topic RIDERS = new Topic("mobility.riders", Rider.class, "rider_id", true);
    public static final Topic RIDE_EVENTS_CLEAN =
            new Topic("mobility.ride-events.clean", RideEvent.class, "ride_id", false);
    public static final Topic DRIVER_EVENTS_CLEAN =
            new Topic("mobility.driver-events.clean", DriverEvent.class, "driver_id", false);
    public static final Topic RIDES = new Topic("mobility.rides", RideState.class, "ride_id", true);
    public static final Topic ZONE_STATE =
            new Topic("mobility.zone-state", ZoneState.class, "zone_id/window_minutes, e.g. 132/5", true);
    public static final Topic QUARANTINE =
            new Topic("mobility.quarantine", QuarantineRecord.class, "source topic/partition/offset", false);

    public static final List<Topic> ALL = List.of(
            RIDE_EVENTS_RAW,
            DRIVER_EVENTS_RAW,
            ZONES,
            DRIVERS,
            RIDERS,
            RIDE_EVENTS_CLEAN,
            DRIVER_EVENTS_CLEAN,
            RIDES,
            ZONE_STATE,
            QUARANTINE);

    private Topics() {}

    public static Optional<Topic> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
