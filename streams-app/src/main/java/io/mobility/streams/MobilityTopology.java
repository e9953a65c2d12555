package io.mobility.streams;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneState;
import io.mobility.serde.SpecificAvroSerde;
import io.mobility.streams.clean.CleaningProcessor;
import io.mobility.streams.dedup.Deduplicator;
import io.mobility.streams.driver.DriverDirectory;
import io.mobility.streams.driver.DriverEvents;
import io.mobility.streams.driver.DriverPresenceProcessor;
import io.mobility.streams.ride.RideEvents;
import io.mobility.streams.ride.RideFoldProcessor;
import io.mobility.streams.standardize.Canonical;
import io.mobility.streams.validation.DriverEventRules;
import io.mobility.streams.validation.RideEventRules;
import io.mobility.streams.zone.ZoneDelta;
import io.mobility.streams.zone.ZoneDirectory;
import io.mobility.streams.zone.ZoneSignal;
import io.mobility.streams.zone.ZoneSignalBuffer;
import io.mobility.streams.zone.ZoneStateProcessor;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole app as one topology:
 * <pre>
 * ride-events.raw   -> clean (decode, standardize, validate, dedupe, conform) -> ride-events.clean
 *                                                              \-> fold per ride -> rides
 *                                                                           \-> zone signals -\
 * driver-events.raw -> clean ------------------------------------------> driver-events.clean   |
 *                                  \-> driver presence -> zone signals --> summed per zone and minute in the
 *                                                                          task, sent on by zone -> zone-state
 * both cleaners' refusals -> quarantine
 * zones, drivers (compacted) -> global stores for validation and enrichment
 * </pre>
 * The cleaners and the fold forward each output to the nodes it is for by name, rather than through filter and map
 * nodes, which cost every event a node visit each (docs/benchmarks.md, streams).
 */
public final class MobilityTopology {

    // Key-value stores of event id to last event time; the "-last-seen" names keep them from restoring the changelogs
    // of the window stores ("ride-event-ids", "driver-event-ids") that earlier versions kept, whose keys differ.
    public static final String RIDE_DEDUP_STORE = "ride-event-last-seen";
    public static final String DRIVER_DEDUP_STORE = "driver-event-last-seen";
    public static final String RIDES_STORE = "rides";

    private MobilityTopology() {}

    public static Topology build(StreamsSettings settings) {
        Map<String, Object> config = settings.asMap();
        StreamsBuilder builder = new StreamsBuilder();

        Serde<Zone> zoneSerde = avro(Zone.class, config);
        Serde<Driver> driverSerde = avro(Driver.class, config);
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(ZoneDirectory.STORE), Serdes.String(), zoneSerde)
                        .withLoggingDisabled(),
                Topics.ZONES.name(),
                Consumed.with(Serdes.String(), zoneSerde).withName("zones"),
                () -> new ReferenceTableLoader<>(ZoneDirectory.STORE, Canonical::zoneId));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(DriverDirectory.STORE), Serdes.String(), driverSerde)
                        .withLoggingDisabled(),
                Topics.DRIVERS.name(),
                Consumed.with(Serdes.String(), driverSerde).withName("drivers"),
                () -> new ReferenceTableLoader<>(DriverDirectory.STORE, Canonical::id));

        builder.addStateStore(Deduplicator.store(RIDE_DEDUP_STORE));
        builder.addStateStore(Deduplicator.store(DRIVER_DEDUP_STORE));
        // Cached: a ride's several updates within one commit reach the changelog once. Values are the rides topic's
        // wire-format bytes: RideFoldProcessor encodes a state once for the store and the topic.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(RIDES_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(DriverPresenceProcessor.store());
        builder.addStateStore(ZoneSignalBuffer.store());
        ZoneStateProcessor.stores().forEach(builder::addStateStore);

        Serde<QuarantineRecord> quarantineSerde = avro(QuarantineRecord.class, config);
        Serde<RideEvent> rideEventSerde = avro(RideEvent.class, config);
        Serde<DriverEvent> driverEventSerde = avro(DriverEvent.class, config);

        // Processors forward to their downstream nodes by name (see CleaningProcessor.Routes): each value type
        // reaches only the nodes for it, so the streams below carry mixed types and the sinks cast back.
        RideEvents rideEvents = new RideEvents(new RideEventRules(settings.maxClockSkewMs()));
        CleaningProcessor.Routes rideRoutes =
                new CleaningProcessor.Routes("ride-quarantine", List.of("ride-events-clean", "fold-rides"));
        KStream<String, SpecificRecord> rides = builder.stream(
                        Topics.RIDE_EVENTS_RAW.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ride-events-raw"))
                .process(
                        () -> new CleaningProcessor<>(
                                rideEvents, RIDE_DEDUP_STORE, settings.dedupHorizon(), rideRoutes),
                        Named.as("clean-ride-events"),
                        RIDE_DEDUP_STORE);
        DriverEvents driverEvents = new DriverEvents(new DriverEventRules(settings.maxClockSkewMs()));
        CleaningProcessor.Routes driverRoutes =
                new CleaningProcessor.Routes("driver-quarantine", List.of("driver-events-clean", "driver-presence"));
        KStream<String, SpecificRecord> drivers = builder.stream(
                        Topics.DRIVER_EVENTS_RAW.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("driver-events-raw"))
                .process(
                        () -> new CleaningProcessor<>(
                                driverEvents, DRIVER_DEDUP_STORE, settings.dedupHorizon(), driverRoutes),
                        Named.as("clean-driver-events"),
                        DRIVER_DEDUP_STORE);

        rides.to(Topics.QUARANTINE.name(), producedAs(quarantineSerde, rideRoutes.quarantine()));
        drivers.to(Topics.QUARANTINE.name(), producedAs(quarantineSerde, driverRoutes.quarantine()));
        rides.to(Topics.RIDE_EVENTS_CLEAN.name(), producedAs(rideEventSerde, "ride-events-clean"));
        drivers.to(Topics.DRIVER_EVENTS_CLEAN.name(), producedAs(driverEventSerde, "driver-events-clean"));

        KStream<String, Object> folded = MobilityTopology.<RideEvent>carrying(rides)
                .process(
                        () -> new RideFoldProcessor(RIDES_STORE, "rides", "zone-signals"),
                        Named.as("fold-rides"),
                        RIDES_STORE);
        folded.to(Topics.RIDES.name(), producedAs(Serdes.ByteArray(), "rides"));

        KStream<String, ZoneSignal> driverSignals = MobilityTopology.<DriverEvent>carrying(drivers)
                .process(DriverPresenceProcessor::new, Named.as("driver-presence"), DriverPresenceProcessor.STORE);
        MobilityTopology.<ZoneSignal>carrying(folded)
                .merge(driverSignals, Named.as("zone-signals"))
                .process(
                        () -> new ZoneSignalBuffer(settings.zoneEmitInterval()),
                        Named.as("zone-signal-sums"),
                        ZoneSignalBuffer.STORE)
                .repartition(
                        Repartitioned.with(Serdes.String(), ZoneDelta.serde()).withName("zone-deltas"))
                .process(
                        () -> new ZoneStateProcessor(settings.zoneWindowsMinutes(), settings.zoneEmitInterval()),
                        Named.as("zone-state"),
                        ZoneStateProcessor.MINUTES_STORE,
                        ZoneStateProcessor.DRIVERS_STORE)
                .to(
                        Topics.ZONE_STATE.name(),
                        Produced.with(Serdes.String(), avro(ZoneState.class, config))
                                .withName("zone-state-out"));
        return builder.build();
    }

    /** A stream of mixed values seen as the one type the node built on it receives (see Routes). */
    @SuppressWarnings("unchecked")
    private static <T> KStream<String, T> carrying(KStream<String, ?> stream) {
        return (KStream<String, T>) stream;
    }

    /** A sink node named {@code name} on a stream of mixed values, writing the one type routed to it. */
    @SuppressWarnings("unchecked")
    private static <T> Produced<String, T> producedAs(Serde<?> values, String name) {
        return Produced.with(Serdes.String(), (Serde<T>) values).withName(name);
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, Object> config) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        return serde;
    }
}
