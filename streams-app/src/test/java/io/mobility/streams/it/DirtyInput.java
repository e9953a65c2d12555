package io.mobility.streams.it;

import io.mobility.events.Topics;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.driver.DriverStatus;
import io.mobility.events.geo.GeoPoint;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.RideStatus;
import io.mobility.streams.Events;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Ride lifecycles and driver pings with the simulator's kinds of dirty data, plus what a correct pipeline must make
 * of them, worked out independently of the app: which event ids are clean, how many records each quarantine reason
 * gets, how many copies are duplicates, and each ride's final status (its furthest valid phase).
 */
final class DirtyInput {

    enum Fault {
        NONE,
        DUPLICATE,
        OUT_OF_ORDER,
        LATE,
        BAD_COORDINATES,
        NEGATIVE_FARE,
        UNKNOWN_ZONE,
        MISSING_REQUIRED_FIELD,
        FUTURE_TIMESTAMP,
        UNDECODABLE_BYTES,
        UNKNOWN_SCHEMA_ID
    }

    final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    final Set<String> cleanRideEventIds = new HashSet<>();
    final Set<String> cleanDriverEventIds = new HashSet<>();
    final Map<String, Long> quarantinedByReason = new TreeMap<>();
    final Map<String, RideStatus> finalStatus = new HashMap<>();
    final Map<String, Integer> eventsApplied = new HashMap<>();
    final Map<Fault, Integer> faults = new TreeMap<>();
    long duplicates;

    /**
     * @param rides number of rides; every fifth is cancelled after its request, the rest complete
     * @param encode wire-format bytes of a record for a topic
     */
    static DirtyInput generate(
            int rides, long seed, Instant start, double faultRate, BiFunction<String, SpecificRecord, byte[]> encode) {
        DirtyInput input = new DirtyInput();
        Random random = new Random(seed);
        List<ProducerRecord<byte[], byte[]>> late = new ArrayList<>();
        String rideTopic = Topics.RIDE_EVENTS_RAW.name();
        for (int r = 0; r < rides; r++) {
            String rideId = "ride-" + r;
            Instant at = start.plusSeconds(r);
            List<RideEvent> lifecycle = r % 5 == 4
                    ? List.of(Events.requested(rideId, at), Events.cancelled(rideId, at.plusSeconds(90)))
                    : Events.lifecycle(rideId, at);
            List<ProducerRecord<byte[], byte[]>> rideRecords = new ArrayList<>();
            RidePhases valid = new RidePhases();
            for (RideEvent event : lifecycle) {
                Fault fault = random.nextDouble() < faultRate
                        ? Fault.values()[1 + random.nextInt(Fault.values().length - 1)]
                        : Fault.NONE;
                fault = applicable(fault, event.getEventType());
                input.faults.merge(fault, 1, Integer::sum);
                byte[] key = rideId.getBytes(StandardCharsets.UTF_8);
                String reason = breakIt(fault, event, random);
                byte[] value = switch (fault) {
                    case UNDECODABLE_BYTES ->
                        ("{\"event_id\":\"" + event.getEventId() + "\"}").getBytes(StandardCharsets.UTF_8);
                    case UNKNOWN_SCHEMA_ID -> unknownSchemaId(encode.apply(rideTopic, event), random);
                    default -> encode.apply(rideTopic, event);
                };
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(rideTopic, key, value);
                if (reason != null) {
                    input.quarantinedByReason.merge(reason, 1L, Long::sum);
                } else {
                    input.cleanRideEventIds.add(event.getEventId());
                    valid.add(event.getEventType());
                }
                switch (fault) {
                    case DUPLICATE -> {
                        rideRecords.add(record);
                        rideRecords.add(record);
                        input.duplicates++;
                    }
                    case LATE -> late.add(record);
                    case OUT_OF_ORDER -> rideRecords.add(Math.max(0, rideRecords.size() - 1), record);
                    default -> rideRecords.add(record);
                }
            }
            input.records.addAll(rideRecords);
            if (valid.count > 0) {
                input.finalStatus.put(rideId, valid.furthest);
                input.eventsApplied.put(rideId, valid.count);
            }
        }
        input.records.addAll(late);
        input.addDriverPings(rides / 10 + 1, start, encode, random);
        return input;
    }

    private void addDriverPings(
            int drivers, Instant start, BiFunction<String, SpecificRecord, byte[]> encode, Random random) {
        String topic = Topics.DRIVER_EVENTS_RAW.name();
        for (int d = 0; d < drivers; d++) {
            for (int p = 0; p < 5; p++) {
                String zone = (d + p) % 2 == 0 ? Events.MIDTOWN : Events.JFK;
                DriverEvent ping = Events.ping(
                        "ping-" + d + "-" + p,
                        "driver-" + d,
                        zone,
                        p % 3 == 0 ? DriverStatus.ON_TRIP : DriverStatus.AVAILABLE,
                        start.plus(Duration.ofSeconds(30L * p + d)));
                boolean unknownZone = random.nextInt(20) == 0;
                if (unknownZone) {
                    ping.setZoneId("999");
                    quarantinedByReason.merge("UNKNOWN_ZONE", 1L, Long::sum);
                } else {
                    cleanDriverEventIds.add(ping.getEventId());
                }
                var record = new ProducerRecord<>(
                        topic, ping.getDriverId().getBytes(StandardCharsets.UTF_8), encode.apply(topic, ping));
                records.add(record);
                if (!unknownZone && random.nextInt(20) == 0) {
                    records.add(record);
                    duplicates++;
                }
            }
        }
    }

    /** Faults that need a field only some steps carry fall back to a fault any step can take. */
    private static Fault applicable(Fault fault, RideEventType type) {
        return switch (fault) {
            case NEGATIVE_FARE ->
                type == RideEventType.RIDE_COMPLETED || type == RideEventType.RIDE_REQUESTED
                        ? fault
                        : Fault.UNKNOWN_ZONE;
            case MISSING_REQUIRED_FIELD -> type == RideEventType.RIDE_CANCELLED ? Fault.FUTURE_TIMESTAMP : fault;
            default -> fault;
        };
    }

    /** Breaks {@code event} as {@code fault} says; returns the reason code it must be quarantined with, if any. */
    private static String breakIt(Fault fault, RideEvent event, Random random) {
        switch (fault) {
            case BAD_COORDINATES -> {
                event.setPickup(new GeoPoint(90.5 + random.nextInt(80), -73.9));
                return "INVALID_COORDINATES";
            }
            case NEGATIVE_FARE -> {
                if (event.getFare() != null) {
                    event.getFare().setTotal(event.getFare().getTotal().negate());
                } else {
                    event.setQuotedFare(event.getQuotedFare().negate());
                }
                return "NEGATIVE_FARE";
            }
            case UNKNOWN_ZONE -> {
                event.setPickupZoneId("999");
                return "UNKNOWN_ZONE";
            }
            case MISSING_REQUIRED_FIELD -> {
                switch (event.getEventType()) {
                    case RIDE_REQUESTED -> event.setPickupZoneId(null);
                    case RIDE_COMPLETED -> event.setFare(null);
                    default -> event.setDriverId(null);
                }
                return "MISSING_FIELD";
            }
            case FUTURE_TIMESTAMP -> {
                event.setEventTime(Instant.now().plus(Duration.ofDays(1 + random.nextInt(6))));
                return "FUTURE_EVENT_TIME";
            }
            case UNDECODABLE_BYTES -> {
                return "BAD_MAGIC_BYTE";
            }
            case UNKNOWN_SCHEMA_ID -> {
                return "UNKNOWN_SCHEMA_ID";
            }
            default -> {
                return null;
            }
        }
    }

    private static byte[] unknownSchemaId(byte[] wire, Random random) {
        ByteBuffer.wrap(wire).putInt(1, 0x7FFF0000 + random.nextInt(1000));
        return wire;
    }

    long totalRecords() {
        return records.size();
    }

    long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The furthest phase among a ride's valid events, and how many there are. */
    private static final class RidePhases {
        RideStatus furthest = RideStatus.UNKNOWN;
        int count;

        void add(RideEventType type) {
            count++;
            RideStatus status = switch (type) {
                case RIDE_REQUESTED -> RideStatus.REQUESTED;
                case DRIVER_ASSIGNED -> RideStatus.ASSIGNED;
                case DRIVER_ARRIVED -> RideStatus.ARRIVED;
                case RIDE_STARTED -> RideStatus.STARTED;
                case RIDE_COMPLETED -> RideStatus.COMPLETED;
                case RIDE_CANCELLED -> RideStatus.CANCELLED;
                default -> throw new IllegalArgumentException(type.name());
            };
            if (status.ordinal() > furthest.ordinal()) {
                furthest = status;
            }
        }
    }
}
