package io.mobility.streams;

import static io.mobility.streams.Events.completed;
import static io.mobility.streams.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.driver.DriverEventType;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.zone.Zone;
import io.mobility.registry.InMemorySchemaRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule and decoding failure sends the record to quarantine with its code, source and raw bytes. */
class QuarantineTest {

    private final StreamsFixture app = new StreamsFixture();

    @AfterEach
    void close() {
        app.close();
    }

    static Stream<Arguments> brokenRideEvents() {
        return Stream.of(
                broken(
                        "UNKNOWN_EVENT_TYPE",
                        "event_type is UNKNOWN",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setEventType(RideEventType.UNKNOWN)),
                broken(
                        "MISSING_FIELD",
                        "pickup_zone_id is missing: RIDE_REQUESTED must carry it",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setPickupZoneId(null)),
                broken(
                        "MISSING_FIELD",
                        "driver_id is missing: DRIVER_ASSIGNED must carry it",
                        Events.withDriver("r1", RideEventType.DRIVER_ASSIGNED, "a", StreamsFixture.NOW),
                        e -> e.setDriverId("  ")),
                broken(
                        "MISSING_FIELD",
                        "fare is missing: RIDE_COMPLETED must carry it",
                        completed("r1", StreamsFixture.NOW),
                        e -> e.setFare(null)),
                broken(
                        "MISSING_FIELD",
                        "cancellation is missing",
                        Events.cancelled("r1", StreamsFixture.NOW),
                        e -> e.setCancellation(null)),
                broken(
                        "MISSING_FIELD",
                        "event_id is missing",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setEventId(" ")),
                broken(
                        "INVALID_COORDINATES",
                        "pickup (123.0, -73.99) is not a position on Earth",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setPickup(new GeoPoint(123.0, -73.99))),
                broken(
                        "NEGATIVE_FARE",
                        "fare.total is negative: -48.00",
                        completed("r1", StreamsFixture.NOW),
                        e -> e.getFare().setTotal(new BigDecimal("-48.00"))),
                broken(
                        "NEGATIVE_FARE",
                        "quoted_fare is negative",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setQuotedFare(new BigDecimal("-1.00"))),
                broken(
                        "INVALID_DISTANCE",
                        "distance_km = -3.0",
                        completed("r1", StreamsFixture.NOW),
                        e -> e.setDistanceKm(-3.0)),
                broken(
                        "INVALID_SURGE",
                        "surge_multiplier = NaN",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setSurgeMultiplier(Double.NaN)),
                broken(
                        "UNKNOWN_ZONE",
                        "pickup_zone_id '999' is not in the zones reference table",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setPickupZoneId("999")),
                broken(
                        "UNKNOWN_ZONE",
                        "dropoff_zone_id '7' is not in the zones reference table",
                        completed("r1", StreamsFixture.NOW),
                        e -> e.setDropoffZoneId("007")),
                broken(
                        "FUTURE_EVENT_TIME",
                        "is more than 300000 ms after the processing time",
                        requested("r1", StreamsFixture.NOW),
                        e -> e.setEventTime(StreamsFixture.NOW.plus(Duration.ofDays(2)))));
    }

    private static Arguments broken(String code, String message, RideEvent valid, Consumer<RideEvent> breakIt) {
        breakIt.accept(valid);
        return Arguments.of(code, message, valid);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenRideEvents")
    void eachRideRuleQuarantinesWithItsCodeAndSaysWhichFieldAndWhy(String code, String message, RideEvent event) {
        byte[] bytes = app.encode(Topics.RIDE_EVENTS_RAW.name(), event);
        app.sendRawRide(event.getRideId(), bytes);

        assertThat(app.cleanRides.isEmpty()).isTrue();
        TestRecord<String, QuarantineRecord> entry = app.quarantine.readRecord();
        assertThat(entry.key()).isEqualTo("mobility.ride-events.raw/0/0");
        QuarantineRecord q = entry.value();
        assertThat(q.getReasonCode()).isEqualTo(code);
        assertThat(q.getMessage()).contains(message);
        assertThat(q.getSourceTopic()).isEqualTo("mobility.ride-events.raw");
        assertThat(q.getSourcePartition()).isZero();
        assertThat(q.getSourceOffset()).isZero();
        assertThat(bytes(q.getValue())).isEqualTo(bytes);
        assertThat(new String(bytes(q.getKey()), StandardCharsets.UTF_8)).isEqualTo(event.getRideId());
        assertThat(q.getDetectedBy()).isEqualTo("mobility-streams-test");
        assertThat(app.metric("ride-events", "quarantined-" + code)).isEqualTo(1);
    }

    @Test
    void undecodableBytesAreQuarantinedByDecodingReasonAndGoodRecordsBehindThemStillPass() {
        byte[] json = "{\"event_id\": \"e1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] tooShort = {0, 0, 1};
        byte[] unknownId = ByteBuffer.allocate(9)
                .put((byte) 0)
                .putInt(0x7FFF0000)
                .putInt(42)
                .array();
        byte[] valid = app.encode(Topics.RIDE_EVENTS_RAW.name(), requested("r9", StreamsFixture.NOW));
        byte[] malformed = java.util.Arrays.copyOf(valid, valid.length - 7);
        // A record written with another record's schema: registered, decodable, but not a RideEvent.
        byte[] incompatible = app.encode("mobility.not-rides", Events.zones().get(0));

        app.sendRawRide("a", json);
        app.sendRawRide("b", tooShort);
        app.sendRawRide("c", unknownId);
        app.sendRawRide("d", malformed);
        app.sendRawRide("e", incompatible);
        app.sendRawRide("f", null);
        app.sendRawRide("r9", valid);

        List<QuarantineRecord> entries = app.quarantine.readValuesToList();
        assertThat(entries)
                .extracting(QuarantineRecord::getReasonCode)
                .containsExactly(
                        "BAD_MAGIC_BYTE",
                        "TOO_SHORT",
                        "UNKNOWN_SCHEMA_ID",
                        "MALFORMED_PAYLOAD",
                        "INCOMPATIBLE_SCHEMA",
                        "TOO_SHORT");
        assertThat(entries).extracting(QuarantineRecord::getSourceOffset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(bytes(entries.get(0).getValue())).isEqualTo(json);
        assertThat(entries.get(2).getMessage()).contains("schema id 2147418112 is not in the registry");
        assertThat(entries).allSatisfy(q -> assertThat(q.getEventId()).isNull());
        assertThat(app.cleanRides.readValuesToList())
                .extracting(RideEvent::getEventId)
                .containsExactly("r9-req");
    }

    @Test
    void driverEventsHaveTheirOwnRules() {
        app.send(Events.ping("d-1", "driver-1", "999", DriverStatus.AVAILABLE, StreamsFixture.NOW));
        var noZone = Events.ping("d-2", "driver-1", Events.MIDTOWN, DriverStatus.AVAILABLE, StreamsFixture.NOW);
        noZone.setZoneId(null);
        app.send(noZone);
        var unknownType = Events.ping("d-3", "driver-1", Events.MIDTOWN, DriverStatus.AVAILABLE, StreamsFixture.NOW);
        unknownType.setEventType(DriverEventType.UNKNOWN);
        app.send(unknownType);
        app.send(Events.ping("d-4", "driver-1", Events.MIDTOWN, DriverStatus.AVAILABLE, StreamsFixture.NOW));

        assertThat(app.quarantine.readValuesToList())
                .extracting(
                        QuarantineRecord::getReasonCode, QuarantineRecord::getEventId, QuarantineRecord::getSourceTopic)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_ZONE", "d-1", "mobility.driver-events.raw"),
                        org.assertj.core.groups.Tuple.tuple("MISSING_FIELD", "d-2", "mobility.driver-events.raw"),
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_EVENT_TYPE", "d-3", "mobility.driver-events.raw"));
        assertThat(app.cleanDrivers.readValuesToList())
                .extracting(e -> e.getEventId())
                .containsExactly("d-4");
    }

    @Test
    void zonesAddedToTheReferenceTopicAreKnownFromThenOn() {
        RideEvent toNewZone = requested("r1", StreamsFixture.NOW);
        toNewZone.setDropoffZoneId("4");
        app.send(toNewZone);
        Zone alphabetCity = Zone.newBuilder(Events.zones().get(0))
                .setZoneId("4")
                .setName("Alphabet City")
                .build();
        app.zones.pipeInput("4", alphabetCity);
        RideEvent again = requested("r2", StreamsFixture.NOW);
        again.setDropoffZoneId("4");
        app.send(again);

        assertThat(app.quarantine.readValuesToList())
                .extracting(QuarantineRecord::getEventId)
                .containsExactly("r1-req");
        assertThat(app.cleanRides.readValuesToList())
                .extracting(RideEvent::getEventId)
                .containsExactly("r2-req");
        assertThat(InMemorySchemaRegistry.forScope(app.scope).subjects()).contains("mobility.quarantine-value");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
