package io.mobility.simulator.fault;

import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.Fare;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.sink.Emission;
import io.mobility.simulator.sink.EventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Sits between the simulation and the sink and makes some ride events dirty, at the configured rates, from its own
 * random stream (so the clean events are the same with or without faults). Each fault is recorded in the manifest.
 * Late and out-of-order events are held back and released once the stream has moved past their release time.
 */
public final class FaultInjector {

    /** The unknown zone id injected; TLC ids stop at 265. */
    public static final String UNKNOWN_ZONE_ID = "999";
    /** Injected unknown schema ids are at or above this; registries number schemas from 1. */
    public static final int UNKNOWN_SCHEMA_ID_BASE = 0x7FFF0000;

    private record Held(long releaseAt, long seq, Emission emission) {}

    private final FaultRates rates;
    private final EventSink sink;
    private final Manifest manifest;
    private final Clock wallClock;
    private final SplittableRandom rng;
    private final PriorityQueue<Held> held = new PriorityQueue<>(
            (a, b) -> a.releaseAt != b.releaseAt ? Long.compare(a.releaseAt, b.releaseAt) : Long.compare(a.seq, b.seq));
    private final SpecificDatumWriter<RideEvent> avroWriter = new SpecificDatumWriter<>(RideEvent.class);
    private final FaultKind[] kinds = FaultKind.values();
    private BinaryEncoder encoder;
    private long seq;

    public FaultInjector(FaultRates rates, EventSink sink, Manifest manifest, Clock wallClock, long seed) {
        this.rates = rates;
        this.sink = sink;
        this.manifest = manifest;
        this.wallClock = wallClock;
        this.rng = new SplittableRandom(seed ^ 0xD1127L);
    }

    /** Sends {@code e}, possibly dirtied, possibly later. */
    public void accept(Emission e) {
        if (!(e.value() instanceof RideEvent ride) || !rates.any()) {
            sink.send(e.topic(), e.key(), e.value());
            return;
        }
        FaultKind kind = draw(ride.getEventType());
        if (kind == null) {
            sink.send(e.topic(), e.key(), ride);
            return;
        }
        String type = ride.getEventType().name();
        manifest.fault(kind, type);
        switch (kind) {
            case DUPLICATE -> {
                sink.send(e.topic(), e.key(), ride);
                sink.send(e.topic(), e.key(), ride);
            }
            case LATE -> hold(e, 5 * 60_000 + rng.nextInt(25 * 60_000));
            case OUT_OF_ORDER -> hold(e, 30_000 + rng.nextInt(150_000));
            case BAD_COORDINATES -> {
                GeoPoint p = ride.getPickup() == null ? new GeoPoint(40.75, -73.98) : ride.getPickup();
                ride.setPickup(new GeoPoint(p.getLat() + 90.0 + rng.nextDouble() * 30, p.getLon()));
                sink.send(e.topic(), e.key(), ride);
            }
            case NEGATIVE_FARE -> {
                ride.setFare(negated(ride.getFare()));
                sink.send(e.topic(), e.key(), ride);
            }
            case UNKNOWN_ZONE -> {
                ride.setPickupZoneId(UNKNOWN_ZONE_ID);
                sink.send(e.topic(), e.key(), ride);
            }
            case MISSING_REQUIRED_FIELD -> {
                manifest.missingField(removeRequired(ride));
                sink.send(e.topic(), e.key(), ride);
            }
            case FUTURE_TIMESTAMP -> {
                long base = Math.max(ride.getEventTime().toEpochMilli(), wallClock.millis());
                ride.setEventTime(Instant.ofEpochMilli(base + 86_400_000L + rng.nextLong(6 * 86_400_000L)));
                sink.send(e.topic(), e.key(), ride);
            }
            case UNDECODABLE_BYTES -> sink.sendRaw(e.topic(), e.key(), garbage(ride));
            case UNKNOWN_SCHEMA_ID -> sink.sendRaw(e.topic(), e.key(), unknownSchemaId(ride));
            default -> throw new IllegalStateException("unhandled fault kind " + kind);
        }
    }

    /** Releases held events whose release time is at or before {@code streamTimeMillis}. */
    public void advanceTo(long streamTimeMillis) {
        while (!held.isEmpty() && held.peek().releaseAt <= streamTimeMillis) {
            Emission e = held.poll().emission;
            sink.send(e.topic(), e.key(), e.value());
        }
    }

    /** Releases everything still held (end of run). */
    public void releaseAll() {
        advanceTo(Long.MAX_VALUE);
    }

    private FaultKind draw(RideEventType type) {
        double u = rng.nextDouble();
        for (FaultKind k : kinds) {
            double r = rates.rate(k);
            if (r > 0 && k.appliesTo(type)) {
                if (u < r) {
                    return k;
                }
                u -= r;
            }
        }
        return null;
    }

    private void hold(Emission e, long delayMillis) {
        held.add(new Held(e.eventTimeMillis() + delayMillis, seq++, e));
    }

    private static Fare negated(Fare f) {
        return new Fare(
                f.getBase().negate(),
                f.getDistance().negate(),
                f.getTime().negate(),
                f.getSurge().negate(),
                f.getTolls().negate(),
                f.getTip().negate(),
                neg(f.getTotal()),
                f.getCurrency());
    }

    private static BigDecimal neg(BigDecimal total) {
        return total.signum() == 0 ? new BigDecimal("-0.01") : total.negate();
    }

    private static String removeRequired(RideEvent ride) {
        return switch (ride.getEventType()) {
            case RIDE_REQUESTED -> {
                ride.setPickupZoneId(null);
                yield "RIDE_REQUESTED.pickup_zone_id";
            }
            case DRIVER_ASSIGNED -> {
                ride.setDriverId(null);
                yield "DRIVER_ASSIGNED.driver_id";
            }
            case RIDE_COMPLETED -> {
                ride.setFare(null);
                yield "RIDE_COMPLETED.fare";
            }
            default -> throw new IllegalStateException("no required field defined for " + ride.getEventType());
        };
    }

    private byte[] garbage(RideEvent ride) {
        if (rng.nextBoolean()) {
            return ride.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[16 + rng.nextInt(100)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) rng.nextInt(256);
        }
        bytes[0] = (byte) (1 + rng.nextInt(255));
        return bytes;
    }

    private byte[] unknownSchemaId(RideEvent ride) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(0);
            out.write(ByteBuffer.allocate(4)
                    .putInt(UNKNOWN_SCHEMA_ID_BASE + rng.nextInt(0x10000))
                    .array());
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            avroWriter.write(ride, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
