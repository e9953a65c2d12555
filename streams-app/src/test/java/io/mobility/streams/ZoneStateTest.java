package io.mobility.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.driver.DriverStatus;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.zone.ZoneState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per zone and window: requests, open requests, available drivers, completions, cancellations, average surge. */
class ZoneStateTest {

    private static final Instant T0 = StreamsFixture.NOW.minusSeconds(3600);
    private final StreamsFixture app = new StreamsFixture();

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void windowsCountWhatHappenedInTheLastFiveAndFifteenMinutes() {
        // Ten minutes before the end: a request that completes.
        Events.lifecycle("old", T0).stream().limit(4).forEach(app::send);
        // Two recent requests at surge 2.0 and 1.0; one gets a driver, one is still waiting; one cancels.
        RideEvent recent1 = Events.requested("recent1", T0.plusSeconds(600));
        recent1.setSurgeMultiplier(2.0);
        app.send(recent1);
        RideEvent recent2 = Events.requested("recent2", T0.plusSeconds(610));
        recent2.setSurgeMultiplier(1.0);
        app.send(recent2);
        app.send(Events.withDriver("recent1", RideEventType.DRIVER_ASSIGNED, "assigned", T0.plusSeconds(620)));
        app.send(Events.requested("gone", T0.plusSeconds(630)));
        app.send(Events.cancelled("gone", T0.plusSeconds(640)));
        app.send(Events.completed("old", T0.plusSeconds(660)));
        // Drivers: two available in Midtown, one of them then moves to JFK, one on a trip.
        app.send(Events.ping("p1", "d1", Events.MIDTOWN, DriverStatus.AVAILABLE, T0.plusSeconds(500)));
        app.send(Events.ping("p2", "d2", Events.MIDTOWN, DriverStatus.AVAILABLE, T0.plusSeconds(510)));
        app.send(Events.ping("p3", "d3", Events.MIDTOWN, DriverStatus.ON_TRIP, T0.plusSeconds(520)));
        app.send(Events.ping("p4", "d2", Events.JFK, DriverStatus.AVAILABLE, T0.plusSeconds(650)));

        assertThat(app.zoneState.isEmpty())
                .as("emitted on the wall-clock schedule, not per event")
                .isTrue();
        app.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(app.zoneState.isEmpty())
                .as("the first interval only sends the summed signals on by zone")
                .isTrue();
        app.driver.advanceWallClockTime(Duration.ofSeconds(1));

        Map<String, ZoneState> latest = latest(app.zoneState.readKeyValuesToList());
        assertThat(latest).containsOnlyKeys("161/5", "161/15", "132/5", "132/15");
        ZoneState midtown5 = latest.get("161/5");
        assertThat(midtown5.getWindowEnd()).isEqualTo(T0.plusSeconds(660));
        assertThat(midtown5.getWindowStart()).isEqualTo(T0.plusSeconds(360));
        assertThat(midtown5.getRideRequests()).isEqualTo(3);
        assertThat(midtown5.getOpenRequests()).as("recent2 only").isEqualTo(1);
        assertThat(midtown5.getCancelledRides()).isEqualTo(1);
        assertThat(midtown5.getCompletedRides()).isEqualTo(1);
        assertThat(midtown5.getAvailableDrivers()).isEqualTo(1);
        assertThat(midtown5.getAvgSurgeMultiplier()).isEqualTo((2.0 + 1.0 + 1.5) / 3);
        ZoneState midtown15 = latest.get("161/15");
        assertThat(midtown15.getRideRequests()).as("the old request too").isEqualTo(4);
        assertThat(midtown15.getOpenRequests()).isEqualTo(1);
        assertThat(latest.get("132/5").getAvailableDrivers()).isEqualTo(1);
        assertThat(latest.get("132/5").getRideRequests()).isZero();
    }

    @Test
    void onlyChangedZonesAreEmittedAgain() {
        app.send(Events.requested("r1", T0));
        emitZoneState();
        assertThat(app.zoneState.readKeyValuesToList()).hasSize(2);

        app.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(app.zoneState.isEmpty()).isTrue();

        app.send(Events.withDriver("r1", RideEventType.DRIVER_ASSIGNED, "a", T0.plusSeconds(20)));
        emitZoneState();
        Map<String, ZoneState> latest = latest(app.zoneState.readKeyValuesToList());
        assertThat(latest.get("161/5").getRideRequests()).isEqualTo(1);
        assertThat(latest.get("161/5").getOpenRequests()).isZero();
    }

    /** One emit interval sends each task's summed signals on by zone, the next emits the changed zones. */
    private void emitZoneState() {
        app.driver.advanceWallClockTime(Duration.ofSeconds(1));
        app.driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    @Test
    void aRequestClosedInALaterIntervalThanItWasMadeLeavesNoOpenRequest() {
        app.send(Events.requested("r1", T0));
        app.send(Events.requested("r2", T0.plusSeconds(5)));
        emitZoneState();
        assertThat(latest(app.zoneState.readKeyValuesToList()).get("161/5").getOpenRequests())
                .isEqualTo(2);

        app.send(Events.withDriver("r1", RideEventType.DRIVER_ASSIGNED, "a", T0.plusSeconds(20)));
        app.send(Events.cancelled("r2", T0.plusSeconds(30)));
        emitZoneState();
        ZoneState midtown = latest(app.zoneState.readKeyValuesToList()).get("161/5");
        assertThat(midtown.getRideRequests()).isEqualTo(2);
        assertThat(midtown.getOpenRequests()).isZero();
        assertThat(midtown.getCancelledRides()).isEqualTo(1);
    }

    private static Map<String, ZoneState> latest(List<KeyValue<String, ZoneState>> records) {
        Map<String, ZoneState> latest = new HashMap<>();
        records.forEach(kv -> latest.put(kv.key, kv.value));
        return latest;
    }
}
