package io.mobility.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.driver.Driver;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.RideState;
import io.mobility.events.ride.RideStatus;
import io.mobility.events.ride.VehicleType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each ride's events fold into one conformed state that only moves forward, whatever order they arrive in. */
class RideFoldTest {

    private static final Instant START = StreamsFixture.NOW.minusSeconds(3600);
    private final StreamsFixture app = new StreamsFixture();

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aLifecycleInOrderBecomesACompletedEnrichedRideWithDerivedFigures() {
        app.drivers.pipeInput(
                "driver-r1",
                Driver.newBuilder()
                        .setDriverId("driver-r1")
                        .setVehicleType(VehicleType.XL)
                        .setSignupDate(LocalDate.of(2024, 5, 1))
                        .setUpdatedAt(StreamsFixture.NOW)
                        .build());
        Events.lifecycle("r1", START).forEach(app::send);

        List<RideState> updates = app.rides.readValuesToList();
        assertThat(updates)
                .extracting(RideState::getStatus)
                .containsExactly(
                        RideStatus.REQUESTED,
                        RideStatus.ASSIGNED,
                        RideStatus.ARRIVED,
                        RideStatus.STARTED,
                        RideStatus.COMPLETED);
        RideState ride = updates.get(4);
        assertThat(ride.getRideId()).isEqualTo("r1");
        assertThat(ride.getRiderId()).isEqualTo("rider-r1");
        assertThat(ride.getDriverId()).isEqualTo("driver-r1");
        assertThat(ride.getPickupZoneName()).isEqualTo("Midtown Center");
        assertThat(ride.getPickupBorough()).isEqualTo("Manhattan");
        assertThat(ride.getDropoffZoneName()).isEqualTo("JFK Airport");
        assertThat(ride.getDropoffBorough()).isEqualTo("Queens");
        assertThat(ride.getVehicleType())
                .as("the driver's vehicle, from the drivers table")
                .isEqualTo(VehicleType.XL);
        assertThat(ride.getRequestedAt()).isEqualTo(START);
        assertThat(ride.getCompletedAt()).isEqualTo(START.plusSeconds(1800));
        assertThat(ride.getWaitSeconds()).as("request to arrival").isEqualTo(330);
        assertThat(ride.getTripSeconds()).as("start to completion").isEqualTo(1400);
        assertThat(ride.getDistanceKm()).isEqualTo(24.5);
        assertThat(ride.getFare().getTotal()).isEqualTo(new BigDecimal("48.00"));
        assertThat(ride.getQuotedFare()).isEqualTo(new BigDecimal("52.50"));
        assertThat(ride.getSurgeMultiplier()).isEqualTo(1.5);
        assertThat(ride.getEventsApplied()).isEqualTo(5);
        assertThat(ride.getLastEventId()).isEqualTo("r1-done");
        assertThat(ride.getLastEventTime()).isEqualTo(START.plusSeconds(1800));
    }

    @Test
    void outOfOrderEventsFillInEarlierPhasesAndEndInTheSameState() {
        Events.lifecycle("in-order", START).forEach(app::send);
        List<RideEvent> shuffled = new ArrayList<>(Events.lifecycle("shuffled", START));
        // completed, started, requested, arrived, assigned
        List<RideEvent> order =
                List.of(shuffled.get(4), shuffled.get(3), shuffled.get(0), shuffled.get(2), shuffled.get(1));
        order.forEach(app::send);

        List<RideState> updates = app.rides.readValuesToList();
        List<RideState> shuffledUpdates =
                updates.stream().filter(s -> s.getRideId().equals("shuffled")).toList();
        assertThat(shuffledUpdates)
                .extracting(RideState::getStatus)
                .as("never moves back")
                .containsOnly(RideStatus.COMPLETED);
        RideState inOrder = updates.stream()
                .filter(s -> s.getRideId().equals("in-order"))
                .reduce((a, b) -> b)
                .orElseThrow();
        RideState late = shuffledUpdates.get(shuffledUpdates.size() - 1);
        assertThat(late.getRequestedAt()).isEqualTo(START);
        assertThat(late.getPickupZoneName()).isEqualTo("Midtown Center");
        assertThat(late)
                .usingRecursiveComparison()
                .ignoringFields("ride_id", "rider_id", "driver_id", "last_event_id", "updated_at")
                .isEqualTo(inOrder);
    }

    @Test
    void aSecondEventForAPhaseAndARegressionAreIgnoredAndCounted() {
        Events.lifecycle("r1", START).stream().limit(4).forEach(app::send);
        RideEvent assignedAgain =
                Events.withDriver("r1", RideEventType.DRIVER_ASSIGNED, "assigned-2", START.plusSeconds(40));
        app.send(assignedAgain);
        app.send(Events.completed("r1", START.plusSeconds(1800)));
        app.send(Events.cancelled("r1", START.plusSeconds(1900)));

        List<RideState> updates = app.rides.readValuesToList();
        assertThat(updates)
                .extracting(RideState::getStatus)
                .containsExactly(
                        RideStatus.REQUESTED,
                        RideStatus.ASSIGNED,
                        RideStatus.ARRIVED,
                        RideStatus.STARTED,
                        RideStatus.COMPLETED);
        assertThat(updates.get(4).getCancelledAt()).isNull();
        assertThat(app.metric("rides", "fold-duplicate-phase")).isEqualTo(1);
        assertThat(app.metric("rides", "fold-regression")).isEqualTo(1);
        assertThat(app.metric("rides", "fold-applied")).isEqualTo(5);
        assertThat(app.cleanRides.readValuesToList())
                .as("the clean topic keeps every distinct event")
                .hasSize(7);
    }

    @Test
    void anEarlierPhaseStampedAfterTheCurrentOneIsARegression() {
        app.send(Events.requested("r1", START));
        app.send(Events.withDriver("r1", RideEventType.RIDE_STARTED, "started", START.plusSeconds(400)));
        app.send(Events.withDriver("r1", RideEventType.DRIVER_ASSIGNED, "assigned", START.plusSeconds(500)));
        app.send(Events.withDriver("r1", RideEventType.DRIVER_ARRIVED, "arrived", START.plusSeconds(300)));

        List<RideState> updates = app.rides.readValuesToList();
        RideState last = updates.get(updates.size() - 1);
        assertThat(last.getStatus()).isEqualTo(RideStatus.STARTED);
        assertThat(last.getAssignedAt()).isNull();
        assertThat(last.getArrivedAt())
                .as("a late event from before the start fills in")
                .isEqualTo(START.plusSeconds(300));
        assertThat(last.getWaitSeconds()).isEqualTo(300);
        assertThat(app.metric("rides", "fold-regression")).isEqualTo(1);
    }

    @Test
    void aCancelledRideKeepsItsCancellation() {
        app.send(Events.requested("r1", START));
        app.send(Events.cancelled("r1", START.plusSeconds(60)));

        RideState last = app.rides.readValuesToList().get(1);
        assertThat(last.getStatus()).isEqualTo(RideStatus.CANCELLED);
        assertThat(last.getCancellation().getReason()).isEqualTo("changed_mind");
        assertThat(last.getVehicleType())
                .as("requested product when the driver is unknown")
                .isEqualTo(VehicleType.ECONOMY);
    }
}
