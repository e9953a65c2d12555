package io.mobility.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.Producer;
import io.mobility.events.Topics;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.simulator.contract.Blank;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.sink.CountingSink;
import io.mobility.simulator.sink.Emission;
import io.mobility.simulator.sink.EventSink;
import io.mobility.simulator.sink.RecordingSink;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each fault kind alone, at a high rate, on a steady stream of one ride event per second: what the stream shows must
 * be exactly what the manifest says.
 */
class FaultInjectorTest {

    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final Clock WALL = Clock.fixed(Instant.parse("2025-05-02T00:00:00Z"), ZoneOffset.UTC);
    private static final RideEventType[] CYCLE = {
        RideEventType.RIDE_REQUESTED,
        RideEventType.DRIVER_ASSIGNED,
        RideEventType.DRIVER_ARRIVED,
        RideEventType.RIDE_STARTED,
        RideEventType.RIDE_COMPLETED
    };
    private static final int EVENTS = 5_000;

    /** What was sent, and the stream time (epoch second) at which each record was sent. */
    private record Run(RecordingSink sink, List<Long> sentAt, Manifest manifest) {}

    private static Run inject(FaultKind kind) {
        RecordingSink sink = new RecordingSink();
        List<Long> sentAt = new ArrayList<>();
        long[] now = {T0.getEpochSecond()};
        EventSink timed = new EventSink() {
            @Override
            public void send(String topic, String key, org.apache.avro.specific.SpecificRecord value) {
                sink.send(topic, key, value);
                sentAt.add(now[0]);
            }

            @Override
            public void sendRaw(String topic, String key, byte[] value) {
                sink.sendRaw(topic, key, value);
                sentAt.add(now[0]);
            }
        };
        Manifest manifest = new Manifest();
        FaultInjector injector = new FaultInjector(
                FaultRates.none().with(kind, 0.2), new CountingSink(timed, manifest), manifest, WALL, 99);
        for (int i = 0; i < EVENTS; i++) {
            RideEvent e = event(i);
            now[0] = e.getEventTime().getEpochSecond();
            injector.accept(new Emission(
                    Topics.RIDE_EVENTS_RAW.name(),
                    e.getRideId(),
                    e,
                    e.getEventTime().toEpochMilli()));
            injector.advanceTo(e.getEventTime().toEpochMilli());
        }
        // the stream goes on (without new events) until everything held has come out
        for (int s = 1; s <= 31 * 60; s++) {
            now[0]++;
            injector.advanceTo(now[0] * 1000);
        }
        injector.releaseAll();
        return new Run(sink, sentAt, manifest);
    }

    static RideEvent event(int i) {
        RideEventType type = CYCLE[i % CYCLE.length];
        RideEvent e = Blank.of(RideEvent.class);
        e.setEventId("e" + i);
        e.setEventType(type);
        e.setEventTime(T0.plusSeconds(i));
        e.setRideId("ride-" + i / CYCLE.length);
        e.setRiderId("U000001");
        e.setDriverId(type == RideEventType.RIDE_REQUESTED ? null : "D00001");
        e.setPickupZoneId("161");
        e.setPickup(new GeoPoint(40.75, -73.98));
        e.setVehicleType(io.mobility.events.ride.VehicleType.ECONOMY);
        e.setPaymentMethod(io.mobility.events.ride.PaymentMethod.CARD);
        e.setProducer(new Producer("test", "1", null));
        if (type == RideEventType.RIDE_COMPLETED) {
            BigDecimal ten = new BigDecimal("10.00");
            BigDecimal zero = new BigDecimal("0.00");
            e.setDropoffZoneId("236");
            e.setFare(new Fare(ten, zero, zero, zero, zero, zero, ten, "USD"));
        }
        return e;
    }

    private static List<RideEvent> decoded(Run run) {
        List<RideEvent> out = new ArrayList<>();
        run.sink.sent.forEach(s -> {
            if (s.value() != null) {
                out.add((RideEvent) s.value());
            }
        });
        return out;
    }

    @Test
    void duplicatesAreTheSameRecordTwice() {
        Run run = inject(FaultKind.DUPLICATE);
        Set<String> seen = new HashSet<>();
        long repeats =
                decoded(run).stream().filter(e -> !seen.add(e.getEventId())).count();
        assertThat(repeats).isEqualTo(run.manifest.faults(FaultKind.DUPLICATE)).isGreaterThan(500);
        assertThat(run.manifest.records(Topics.RIDE_EVENTS_RAW.name())).isEqualTo(EVENTS + repeats);
        assertThat(run.manifest.validUniqueByType().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(EVENTS);
    }

    @Test
    void lateEventsArriveFiveToThirtyMinutesBehindAndOutOfOrderOnesHalfToThreeMinutes() {
        Run late = inject(FaultKind.LATE);
        assertThat(lags(late).stream().filter(l -> l >= 5 * 60).count())
                .isEqualTo(late.manifest.faults(FaultKind.LATE))
                .isGreaterThan(500);
        assertThat(lags(late)).allMatch(l -> l == 0 || (l >= 5 * 60 && l <= 30 * 60));

        Run ooo = inject(FaultKind.OUT_OF_ORDER);
        assertThat(lags(ooo).stream().filter(l -> l > 0).count())
                .isEqualTo(ooo.manifest.faults(FaultKind.OUT_OF_ORDER))
                .isGreaterThan(500);
        assertThat(lags(ooo)).allMatch(l -> l == 0 || (l >= 30 && l <= 3 * 60));
        assertThat(decoded(ooo)).hasSize(EVENTS);
    }

    /** Seconds between each event's time and the stream time when it was sent. */
    private static List<Long> lags(Run run) {
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < run.sink.sent.size(); i++) {
            RideEvent e = (RideEvent) run.sink.sent.get(i).value();
            lags.add(run.sentAt.get(i) - e.getEventTime().getEpochSecond());
        }
        return lags;
    }

    @Test
    void contentFaultsAreVisibleInTheRecords() {
        Run coords = inject(FaultKind.BAD_COORDINATES);
        assertThat(decoded(coords).stream()
                        .filter(e -> e.getPickup().getLat() > 90)
                        .count())
                .isEqualTo(coords.manifest.faults(FaultKind.BAD_COORDINATES))
                .isGreaterThan(500);

        Run fares = inject(FaultKind.NEGATIVE_FARE);
        assertThat(decoded(fares).stream()
                        .filter(e ->
                                e.getFare() != null && e.getFare().getTotal().signum() < 0)
                        .count())
                .isEqualTo(fares.manifest.faults(FaultKind.NEGATIVE_FARE))
                .isGreaterThan(100);

        Run zones = inject(FaultKind.UNKNOWN_ZONE);
        assertThat(decoded(zones).stream()
                        .filter(e -> "999".equals(e.getPickupZoneId()))
                        .count())
                .isEqualTo(zones.manifest.faults(FaultKind.UNKNOWN_ZONE))
                .isGreaterThan(500);

        Run future = inject(FaultKind.FUTURE_TIMESTAMP);
        Instant tomorrow = WALL.instant().plusSeconds(86_400);
        assertThat(decoded(future).stream()
                        .filter(e -> !e.getEventTime().isBefore(tomorrow))
                        .count())
                .isEqualTo(future.manifest.faults(FaultKind.FUTURE_TIMESTAMP))
                .isGreaterThan(500);
    }

    @Test
    void missingRequiredFieldsAreTheDocumentedOnes() {
        Run run = inject(FaultKind.MISSING_REQUIRED_FIELD);
        long missing = decoded(run).stream()
                .filter(e -> switch (e.getEventType()) {
                    case RIDE_REQUESTED -> e.getPickupZoneId() == null;
                    case DRIVER_ASSIGNED -> e.getDriverId() == null;
                    case RIDE_COMPLETED -> e.getFare() == null;
                    default -> false;
                })
                .count();
        assertThat(missing)
                .isEqualTo(run.manifest.faults(FaultKind.MISSING_REQUIRED_FIELD))
                .isGreaterThan(300);
        assertThat(run.manifest.toMap().get("missing_required_field_detail").toString())
                .contains("RIDE_REQUESTED.pickup_zone_id", "DRIVER_ASSIGNED.driver_id", "RIDE_COMPLETED.fare");
    }

    @Test
    void undecodableAndUnknownSchemaIdBytesReplaceTheirEvent() {
        Run garbage = inject(FaultKind.UNDECODABLE_BYTES);
        long raw = garbage.sink.sent.stream().filter(s -> s.raw() != null).count();
        assertThat(raw)
                .isEqualTo(garbage.manifest.faults(FaultKind.UNDECODABLE_BYTES))
                .isGreaterThan(500);
        assertThat(garbage.sink.sent).filteredOn(s -> s.raw() != null).allMatch(s -> s.raw()[0] != 0);
        assertThat(decoded(garbage)).hasSize((int) (EVENTS - raw));

        Run unknown = inject(FaultKind.UNKNOWN_SCHEMA_ID);
        assertThat(unknown.sink.sent)
                .filteredOn(s -> s.raw() != null)
                .hasSize((int) unknown.manifest.faults(FaultKind.UNKNOWN_SCHEMA_ID))
                .allMatch(s -> s.raw()[0] == 0
                        && ByteBuffer.wrap(s.raw(), 1, 4).getInt() >= FaultInjector.UNKNOWN_SCHEMA_ID_BASE
                        && s.raw().length > 20);
    }

    @Test
    void ratesOutOfRangeAreRejectedWithTheOption() {
        assertThatThrownBy(() -> FaultRates.none().with(FaultKind.LATE, 1.5))
                .hasMessageContaining("--late-rate")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> FaultRates.all(0.06)).hasMessageContaining("add up to");
    }
}
