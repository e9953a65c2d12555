package io.mobility.simulator;

import io.mobility.events.Topics;
import io.mobility.simulator.clock.LiveClock;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultKind;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.kafka.KafkaOptions;
import io.mobility.simulator.kafka.Sending;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.pricing.SurgePricing;
import io.mobility.simulator.sink.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./mobility simulate}: produce a synthetic city's reference data and events to Kafka. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Produces a synthetic city's zones, drivers and riders "
                    + "(compacted topics), then its ride and driver events,",
            "as Avro in the Confluent wire format. Backfill (default) plays --days of history as fast as possible;",
            "--live plays in real time times --speed until Ctrl-C. Dirty data is injected into ride events at the",
            "given rates. At the end a JSON manifest counts every record sent, by topic and type, and every fault."
        },
        footer = {
            "",
            "Fault kinds: see simulator/README.md. Example:",
            "  ./mobility simulate --days 7 --dirty-rate 0.002 --manifest target/manifest.json"
        })
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--zones",
            defaultValue = "" + SimulationConfig.DEFAULT_ZONES,
            description = "zones, 2..263 (default: ${DEFAULT-VALUE})")
    int zones;

    @Option(
            names = "--drivers",
            defaultValue = "" + SimulationConfig.DEFAULT_DRIVERS,
            description = "drivers (default: ${DEFAULT-VALUE})")
    int drivers;

    @Option(
            names = "--riders",
            defaultValue = "" + SimulationConfig.DEFAULT_RIDERS,
            description = "riders (default: ${DEFAULT-VALUE})")
    int riders;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "random seed; the same seed gives the same events (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--start",
            description = "first simulated instant: an ISO date (midnight UTC) or instant; "
                    + "default: 4 weeks ago at midnight UTC (backfill), now (live)")
    String start;

    @Option(
            names = "--days",
            description =
                    "simulated days to produce, may be fractional (default: 28 for backfill, until Ctrl-C for live)")
    Double days;

    @Option(names = "--live", description = "real-time pace (times --speed) instead of backfill")
    boolean live;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "live mode: simulated seconds per wall second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(
            names = "--requests-per-zone-hour",
            defaultValue = "" + SimulationConfig.DEFAULT_REQUESTS_PER_ZONE_HOUR,
            description = "mean ride requests per zone and hour on an ordinary day (default: ${DEFAULT-VALUE})")
    double requestsPerZoneHour;

    @Option(
            names = "--surge-cap",
            defaultValue = "" + SurgePricing.DEFAULT_CAP,
            description = "highest surge multiplier (default: ${DEFAULT-VALUE})")
    double surgeCap;

    @Option(
            names = "--dirty-rate",
            defaultValue = "0",
            description = "rate of every fault kind per eligible ride event (default: ${DEFAULT-VALUE})")
    double dirtyRate;

    @Option(names = "--duplicate-rate", description = "same record sent twice")
    Double duplicate;

    @Option(names = "--late-rate", description = "sent 5-30 minutes late")
    Double late;

    @Option(names = "--out-of-order-rate", description = "sent 0.5-3 minutes late, after later events")
    Double outOfOrder;

    @Option(names = "--bad-coordinates-rate", description = "pickup latitude outside [-90, 90]")
    Double badCoordinates;

    @Option(names = "--negative-fare-rate", description = "RIDE_COMPLETED with a negative fare")
    Double negativeFare;

    @Option(names = "--unknown-zone-rate", description = "pickup_zone_id 999")
    Double unknownZone;

    @Option(names = "--missing-required-field-rate", description = "a field the step requires left null")
    Double missingField;

    @Option(names = "--future-timestamp-rate", description = "event_time 1-7 days in the future")
    Double futureTimestamp;

    @Option(names = "--undecodable-bytes-rate", description = "bytes that are not the wire format")
    Double undecodable;

    @Option(names = "--unknown-schema-id-rate", description = "wire format with a schema id the registry never issued")
    Double unknownSchemaId;

    @Option(
            names = "--manifest",
            defaultValue = ".mobility/simulator-manifest.json",
            description = "manifest file (default: ${DEFAULT-VALUE})")
    Path manifestFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulationConfig config;
        try {
            config = config(Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            return 2;
        }
        SimulationClock clock = live ? new LiveClock(speed, Clock.systemUTC()) : SimulationClock.backfill();
        System.out.printf(
                "[simulate] %s from %s%s, %d zones, %d drivers, %d riders, seed %d -> %s (registry %s)%n",
                live ? "live x" + speed : "backfill",
                config.start(),
                config.length() == null ? " until Ctrl-C" : " for " + config.length(),
                config.zones(),
                config.drivers(),
                config.riders(),
                config.seed(),
                kafka.bootstrapServers(),
                kafka.schemaRegistryUrl());
        try {
            return produce(config, clock);
        } catch (RuntimeException e) {
            System.err.println("simulate: " + e.getMessage());
            return 1;
        }
    }

    private int produce(SimulationConfig config, SimulationClock clock) throws Exception {
        kafka.ensureTopics(
                List.of(Topics.ZONES, Topics.DRIVERS, Topics.RIDERS, Topics.RIDE_EVENTS_RAW, Topics.DRIVER_EVENTS_RAW));
        Progress progress = new Progress(System.out, "simulate", 2000);
        CountDownLatch done = new CountDownLatch(1);
        try (EventSink sink = Sending.forMode(live).wrap(kafka.openSink())) {
            Simulation simulation = new Simulation(config, sink, clock, Clock.systemUTC(), progress);
            Thread hook = new Thread(() -> {
                simulation.stop();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                Manifest manifest = simulation.run();
                manifest.write(manifestFile);
                System.out.printf(
                        "[simulate] sent %,d records in %.1f s; manifest %s%n",
                        manifest.totalRecords(), progress.elapsedSeconds(), manifestFile.toAbsolutePath());
                System.out.println("[simulate] events by type " + manifest.eventsByType());
            } finally {
                done.countDown();
            }
        }
        return 0;
    }

    SimulationConfig config(Clock wall) {
        Instant begin = start == null
                ? (live
                        ? wall.instant().truncatedTo(ChronoUnit.MINUTES)
                        : LocalDate.now(wall.withZone(ZoneOffset.UTC))
                                .minusWeeks(4)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant())
                : parseStart(start);
        Duration length = null;
        if (days != null) {
            if (!(days > 0)) {
                throw new IllegalArgumentException("--days must be positive, got " + days);
            }
            length = Duration.ofMinutes(Math.max(1, Math.round(days * 24 * 60)));
        } else if (!live) {
            length = Duration.ofDays(28);
        }
        return new SimulationConfig(
                zones, drivers, riders, seed, begin, length, requestsPerZoneHour, surgeCap, faultRates(), version());
    }

    FaultRates faultRates() {
        Map<FaultKind, Double> specific = new EnumMap<>(FaultKind.class);
        put(specific, FaultKind.DUPLICATE, duplicate);
        put(specific, FaultKind.LATE, late);
        put(specific, FaultKind.OUT_OF_ORDER, outOfOrder);
        put(specific, FaultKind.BAD_COORDINATES, badCoordinates);
        put(specific, FaultKind.NEGATIVE_FARE, negativeFare);
        put(specific, FaultKind.UNKNOWN_ZONE, unknownZone);
        put(specific, FaultKind.MISSING_REQUIRED_FIELD, missingField);
        put(specific, FaultKind.FUTURE_TIMESTAMP, futureTimestamp);
        put(specific, FaultKind.UNDECODABLE_BYTES, undecodable);
        put(specific, FaultKind.UNKNOWN_SCHEMA_ID, unknownSchemaId);
        FaultRates rates = dirtyRate > 0 ? FaultRates.all(dirtyRate) : FaultRates.none();
        for (var e : specific.entrySet()) {
            rates = rates.with(e.getKey(), e.getValue());
        }
        return rates;
    }

    private static void put(Map<FaultKind, Double> m, FaultKind k, Double v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    static Instant parseStart(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text).truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be an ISO date (2025-03-01) or instant "
                    + "(2025-03-01T08:00:00Z), got '" + text + "'");
        }
    }

    private static String version() {
        String v = SimulateCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
