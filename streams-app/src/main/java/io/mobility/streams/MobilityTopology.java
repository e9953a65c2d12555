package io.mobility.streams;

import io.mobility.events.Topics;
import io.mobility.events.driver.Driver;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneState;
import io.mobility.serde.SpecificAvroSerde;
import io.mobility.streams.clean.Checked;
import io.mobility.streams.clean.CleaningProcessor;
import io.mobility.streams.dedup.Deduplicator;
import io.mobility.streams.driver.DriverDirectory;
import io.mobility.streams.driver.DriverEvents;
import io.mobility.streams.driver.DriverPresenceProcessor;
import io.mobility.streams.ride.RideEvents;
import io.mobility.streams.ride.RideFoldProcessor;
import io.mobility.streams.ride.RideTransition;
import io.mobility.streams.standardize.Canonical;
import io.mobility.streams.validation.DriverEventRules;
import io.mobility.streams.validation.RideEventRules;
import io.mobility.streams.zone.ZoneDirectory;
import io.mobility.streams.zone.ZoneDelta;
import io.mobility.streams.zone.ZoneSignal;
import io.mobility.streams.zone.ZoneSignalBuffer;
import io.mobility.streams.zone.ZoneSignals;
import io.mobility.streams.zone.ZoneStateProcessor;
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
 */
public final class MobilityTopology {

    public static final String RIDE_DEDUP_STORE = "ride-event-ids";
    public static final String DRIVER_DEDUP_STORE = "driver-event-ids";
    public static final String RIDES_STORE = "rides";

    private MobilityTopology() {
    }

    public static Topology build(StreamsSettings settings) {
        Map<String, Object> config = settings.asMap();
        StreamsBuilder builder = new StreamsBuilder();

        Serde<Zone> zoneSerde = avro(Zone.class, config);
        Serde<Driver> driverSerde = avro(Driver.class, config);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ZoneDirectory.STORE),
                        Serdes.String(), zoneSerde).withLoggingDisabled(),
                Topics.ZONES.name(), Consumed.with(Serdes.String(), zoneSerde).withName("zones"),
                () -> new ReferenceTableLoader<>(ZoneDirectory.STORE, Canonical::zoneId));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DriverDirectory.STORE),
                        Serdes.String(), driverSerde).withLoggingDisabled(),
                Topics.DRIVERS.name(), Consumed.with(Serdes.String(), driverSerde).withName("drivers"),
                () -> new ReferenceTableLoader<>(DriverDirectory.STORE, Canonical::id));

        builder.addStateStore(Deduplicator.store(RIDE_DEDUP_STORE));
        builder.addStateStore(Deduplicator.store(DRIVER_DEDUP_STORE));
        // Cached: a ride's several updates within one commit reach the changelog once.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RIDES_STORE),
                Serdes.String(), avro(RideState.class, config)).withCachingEnabled());
        builder.addStateStore(DriverPresenceProcessor.store());
        builder.addStateStore(ZoneSignalBuffer.store());
        ZoneStateProcessor.stores().forEach(builder::addStateStore);

        Serde<QuarantineRecord> quarantineSerde = avro(QuarantineRecord.class, config);
        Serde<RideEvent> rideEventSerde = avro(RideEvent.class, config);
        Serde<DriverEvent> driverEventSerde = avro(DriverEvent.class, config);

        RideEvents rideEvents = new RideEvents(new RideEventRules(settings.maxClockSkewMs()));
        KStream<String, Checked<RideEvent>> rides = builder
                .stream(Topics.RIDE_EVENTS_RAW.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("ride-events-raw"))
                .process(() -> new CleaningProcessor<>(rideEvents, RIDE_DEDUP_STORE, settings.dedupHorizon()),
                        Named.as("clean-ride-events"), RIDE_DEDUP_STORE);
        DriverEvents driverEvents = new DriverEvents(new DriverEventRules(settings.maxClockSkewMs()));
        KStream<String, Checked<DriverEvent>> drivers = builder
                .stream(Topics.DRIVER_EVENTS_RAW.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("driver-events-raw"))
                .process(() -> new CleaningProcessor<>(driverEvents, DRIVER_DEDUP_STORE, settings.dedupHorizon()),
                        Named.as("clean-driver-events"), DRIVER_DEDUP_STORE);

        rides.filterNot((k, v) -> v.isClean(), Named.as("ride-refusals")).mapValues(Checked::quarantined)
                .merge(drivers.filterNot((k, v) -> v.isClean(), Named.as("driver-refusals"))
                        .mapValues(Checked::quarantined))
                .to(Topics.QUARANTINE.name(), Produced.with(Serdes.String(), quarantineSerde).withName("quarantine"));

        KStream<String, RideEvent> cleanRides = rides.filter((k, v) -> v.isClean(), Named.as("clean-rides"))
                .mapValues(Checked::event);
        cleanRides.to(Topics.RIDE_EVENTS_CLEAN.name(), Produced.with(Serdes.String(), rideEventSerde)
                .withName("ride-events-clean"));
        KStream<String, DriverEvent> cleanDrivers = drivers.filter((k, v) -> v.isClean(), Named.as("clean-drivers"))
                .mapValues(Checked::event);
        cleanDrivers.to(Topics.DRIVER_EVENTS_CLEAN.name(), Produced.with(Serdes.String(), driverEventSerde)
                .withName("driver-events-clean"));

        KStream<String, RideTransition> transitions = cleanRides.processValues(
                () -> new RideFoldProcessor(RIDES_STORE), Named.as("fold-rides"), RIDES_STORE);
        transitions.mapValues(RideTransition::after).to(Topics.RIDES.name(),
                Produced.with(Serdes.String(), avro(RideState.class, config)).withName("rides"));

        KStream<String, ZoneSignal> rideSignals = transitions.flatMap((rideId, t) -> ZoneSignals.of(t),
                Named.as("ride-zone-signals"));
        KStream<String, ZoneSignal> driverSignals = cleanDrivers.process(DriverPresenceProcessor::new,
                Named.as("driver-presence"), DriverPresenceProcessor.STORE);
        rideSignals.merge(driverSignals)
                .process(() -> new ZoneSignalBuffer(settings.zoneEmitInterval()), Named.as("zone-signal-sums"),
                        ZoneSignalBuffer.STORE)
                .repartition(Repartitioned.with(Serdes.String(), ZoneDelta.serde()).withName("zone-deltas"))
                .process(() -> new ZoneStateProcessor(settings.zoneWindowsMinutes(), settings.zoneEmitInterval()),
                        Named.as("zone-state"), ZoneStateProcessor.MINUTES_STORE, ZoneStateProcessor.DRIVERS_STORE)
                .to(Topics.ZONE_STATE.name(), Produced.with(Serdes.String(), avro(ZoneState.class, config))
                        .withName("zone-state-out"));
        return builder.build();
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, Object> config) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        return serde;
    }
}
