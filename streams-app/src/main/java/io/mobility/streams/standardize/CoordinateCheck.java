package io.mobility.streams.standardize;

import io.mobility.events.driver.DriverEvent;
import io.mobility.events.ride.RideEvent;
import io.mobility.streams.zone.ZoneDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * Coordinates that are valid on Earth but fall outside their zone's bounding box are more likely a GPS glitch than a
 * wrong zone: the point is nulled and the event flagged, and the event itself is kept.
 */
public final class CoordinateCheck {

    public static final String PICKUP_OUTSIDE_ZONE = "PICKUP_OUTSIDE_ZONE";
    public static final String DROPOFF_OUTSIDE_ZONE = "DROPOFF_OUTSIDE_ZONE";
    public static final String LOCATION_OUTSIDE_ZONE = "LOCATION_OUTSIDE_ZONE";

    private CoordinateCheck() {}

    public static RideEvent conform(RideEvent event, ZoneDirectory zones) {
        if (!zones.mayContain(event.getPickupZoneId(), event.getPickup())) {
            event.setPickup(null);
            flag(event.getQualityFlags(), event::setQualityFlags, PICKUP_OUTSIDE_ZONE);
        }
        if (!zones.mayContain(event.getDropoffZoneId(), event.getDropoff())) {
            event.setDropoff(null);
            flag(event.getQualityFlags(), event::setQualityFlags, DROPOFF_OUTSIDE_ZONE);
        }
        return event;
    }

    public static DriverEvent conform(DriverEvent event, ZoneDirectory zones) {
        if (!zones.mayContain(event.getZoneId(), event.getLocation())) {
            event.setLocation(null);
            flag(event.getQualityFlags(), event::setQualityFlags, LOCATION_OUTSIDE_ZONE);
        }
        return event;
    }

    private static void flag(List<String> flags, java.util.function.Consumer<List<String>> set, String flag) {
        List<String> updated = new ArrayList<>(flags == null ? List.of() : flags);
        if (!updated.contains(flag)) {
            updated.add(flag);
        }
        set.accept(updated);
    }
}
