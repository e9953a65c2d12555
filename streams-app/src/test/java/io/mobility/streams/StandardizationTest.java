package io.mobility.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clean events carry canonical ids, zone ids and money; coordinates outside their zone are nulled and flagged. */
class StandardizationTest {

    private final StreamsFixture app = new StreamsFixture();

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void idsAreTrimmedAndZoneIdsCanonical() {
        RideEvent messy = Events.requested("r1", StreamsFixture.NOW);
        messy.setEventId("  r1-req ");
        messy.setRideId(" r1\t");
        messy.setPickupZoneId(" 0161 ");
        messy.setDropoffZoneId("132 ");
        app.send(messy);

        var out = app.cleanRides.readRecord();
        assertThat(out.key()).isEqualTo("r1");
        assertThat(out.value().getEventId()).isEqualTo("r1-req");
        assertThat(out.value().getPickupZoneId()).isEqualTo("161");
        assertThat(out.value().getDropoffZoneId()).isEqualTo("132");
        assertThat(out.timestamp()).as("records carry their event time").isEqualTo(StreamsFixture.NOW.toEpochMilli());
        assertThat(app.quarantine.isEmpty()).isTrue();
    }

    @Test
    void moneyIsAtScaleTwoAndCurrencyUpperCase() {
        RideEvent completed = Events.completed("r1", StreamsFixture.NOW);
        completed.getFare().setCurrency(" usd");
        app.send(completed);

        RideEvent out = app.cleanRides.readValue();
        assertThat(out.getFare().getTotal()).isEqualTo(new BigDecimal("48.00"));
        assertThat(out.getFare().getTotal().scale()).isEqualTo(2);
        assertThat(out.getFare().getCurrency()).isEqualTo("USD");
    }

    @Test
    void coordinatesOutsideTheirZoneAreNulledAndFlaggedAndTheEventKept() {
        RideEvent requested = Events.requested("r1", StreamsFixture.NOW);
        requested.setPickup(new GeoPoint(40.64, -73.78)); // at JFK, but the pickup zone is Midtown
        app.send(requested);

        RideEvent out = app.cleanRides.readValue();
        assertThat(out.getPickup()).isNull();
        assertThat(out.getQualityFlags()).containsExactly("PICKUP_OUTSIDE_ZONE");
        RideState state = app.rides.readValue();
        assertThat(state.getPickup()).isNull();
        assertThat(state.getQualityFlags()).containsExactly("PICKUP_OUTSIDE_ZONE");
    }

    @Test
    void coordinatesInsideTheirZoneAreKept() {
        app.send(Events.requested("r1", StreamsFixture.NOW));

        RideEvent out = app.cleanRides.readValue();
        assertThat(out.getPickup()).isEqualTo(Events.inMidtown());
        assertThat(out.getQualityFlags()).isNullOrEmpty();
    }
}
