package io.mobility.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.ride.RideEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same event_id within the horizon reaches the clean topic once; the dropped copies are counted. */
class DeduplicationTest {

    private final StreamsFixture app = new StreamsFixture(Map.of(
            StreamsSettings.DEDUP_HORIZON_MS, String.valueOf(Duration.ofHours(1).toMillis())));

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void duplicatesWithinTheHorizonAreDroppedAndCounted() {
        Instant earlier = StreamsFixture.NOW.minus(Duration.ofMinutes(50));
        RideEvent requested = Events.requested("r1", earlier);
        app.send(requested);
        app.send(requested);
        app.send(Events.requested("r2", earlier));
        RideEvent sameIdPaddedLater = Events.requested("r1", StreamsFixture.NOW);
        sameIdPaddedLater.setEventId(" r1-req ");
        app.send(sameIdPaddedLater);

        assertThat(app.cleanRides.readValuesToList())
                .extracting(RideEvent::getEventId)
                .containsExactly("r1-req", "r2-req");
        assertThat(app.metric("ride-events", "duplicate-dropped")).isEqualTo(2);
        assertThat(app.metric("ride-events", "clean")).isEqualTo(2);
        assertThat(app.quarantine.isEmpty()).isTrue();
    }

    @Test
    void theSameIdBeyondTheHorizonIsANewEvent() {
        app.send(Events.requested("r1", StreamsFixture.NOW.minus(Duration.ofHours(3))));
        app.send(Events.requested("r1", StreamsFixture.NOW));

        assertThat(app.cleanRides.readValuesToList()).hasSize(2);
        assertThat(app.metric("ride-events", "duplicate-dropped")).isZero();
    }

    @Test
    void driverEventsAreDeduplicatedToo() {
        var ping = Events.ping("p-1", "driver-1", Events.MIDTOWN, DriverStatus.AVAILABLE, StreamsFixture.NOW);
        app.send(ping);
        app.send(ping);

        assertThat(app.cleanDrivers.readValuesToList()).hasSize(1);
        assertThat(app.metric("driver-events", "duplicate-dropped")).isEqualTo(1);
    }

    @Test
    void idsBeyondTheHorizonBehindStreamTimeAreForgotten() {
        RideEvent old = Events.requested("r1", StreamsFixture.NOW.minus(Duration.ofMinutes(50)));
        app.send(old);
        var ids = app.driver.<String, Long>getKeyValueStore(MobilityTopology.RIDE_DEDUP_STORE);
        assertThat(ids.get("r1-req")).isEqualTo(old.getEventTime().toEpochMilli());

        // Two hours later (wall clock and record timestamps): stream time passes a purge (every quarter horizon).
        app.driver.advanceWallClockTime(Duration.ofHours(2));
        Instant later = StreamsFixture.NOW.plus(Duration.ofHours(2));
        RideEvent recent = Events.requested("r2", later.minus(Duration.ofMinutes(1)));
        app.rideRaw.pipeInput(StreamsFixture.utf8("r2"), app.encode(Topics.RIDE_EVENTS_RAW.name(), recent), later);

        assertThat(ids.get("r1-req"))
                .as("more than the horizon behind stream time")
                .isNull();
        assertThat(ids.get("r2-req"))
                .as("within the horizon")
                .isEqualTo(recent.getEventTime().toEpochMilli());
        assertThat(app.cleanRides.readValuesToList()).hasSize(2);
    }
}
