package io.mobility.demo;

import io.mobility.events.Topics;
import io.mobility.events.ride.RideEvent;
import io.mobility.simulator.Progress;
import io.mobility.simulator.Simulation;
import io.mobility.simulator.SimulationConfig;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.pricing.SurgePricing;
import io.mobility.simulator.sink.EventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which simulated rides are valid, known without the pipeline: the same run is simulated in memory twice, without
 * and with dirty data (the simulator draws faults from a random stream of their own, so the clean events are the
 * same). A ride event sent unchanged is valid; one replaced by bytes or by other content is a fault. A ride with at
 * least one valid event must be in {@code fact_ride}.
 */
final class ValidRides {

    private ValidRides() {}

    static Set<String> of(
            int zones,
            int drivers,
            int riders,
            double requestsPerZoneHour,
            long seed,
            Instant start,
            Duration length,
            double dirtyRate)
            throws InterruptedException {
        SimulationConfig clean = new SimulationConfig(
                zones,
                drivers,
                riders,
                seed,
                start,
                length,
                requestsPerZoneHour,
                SurgePricing.DEFAULT_CAP,
                FaultRates.none(),
                "dev");
        Map<String, RideEvent> cleanEvents = new HashMap<>();
        for (RideEvent e : rideEvents(clean)) {
            cleanEvents.put(e.getEventId(), e);
        }
        Set<String> valid = new TreeSet<>();
        for (RideEvent sent : rideEvents(clean.withFaults(FaultRates.all(dirtyRate)))) {
            if (sent.equals(cleanEvents.get(sent.getEventId()))) {
                valid.add(sent.getRideId());
            }
        }
        return valid;
    }

    private static List<RideEvent> rideEvents(SimulationConfig config) throws InterruptedException {
        List<RideEvent> events = new ArrayList<>();
        EventSink sink = new EventSink() {
            @Override
            public void send(String topic, String key, SpecificRecord value) {
                if (topic.equals(Topics.RIDE_EVENTS_RAW.name())) {
                    events.add((RideEvent) value);
                }
            }

            @Override
            public void sendRaw(String topic, String key, byte[] value) {
                // undecodable on purpose: never valid
            }
        };
        new Simulation(config, sink, SimulationClock.backfill(), Clock.systemUTC(), Progress.silent()).run();
        return events;
    }
}
