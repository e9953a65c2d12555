package io.mobility.simulator;

import io.mobility.events.ride.RideEvent;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.fault.FaultRates;
import io.mobility.simulator.sink.RecordingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void stats() throws Exception {
        var sink = new io.mobility.simulator.sink.EventSink() { public void send(String t, String k, org.apache.avro.specific.SpecificRecord v) {} public void sendRaw(String t, String k, byte[] v) {} public void flush() {} public void close() {} };
        long t0 = System.nanoTime();
        var cfg = SimulationConfig.defaults(Instant.parse("2025-03-03T05:00:00Z"), Duration.ofDays(7)).withFaults(FaultRates.all(0.01));
        var sim = new Simulation(cfg, sink, SimulationClock.backfill(), Clock.systemUTC(), Progress.silent());
        var m = sim.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.println(m.toJson());
        System.out.printf("records %d in %.1fs = %.0f/s%n", m.totalRecords(), secs, m.totalRecords() / secs);
        Map<String, double[]> surge = new TreeMap<>();
        int[] hist = new int[40];
        for (var s : new RecordingSink().sent) if (s.value() instanceof RideEvent e && e.getEventType().name().equals("RIDE_REQUESTED")) {
            hist[(int) Math.round(e.getSurgeMultiplier() * 10) - 10]++;
        }
        System.out.println(java.util.Arrays.toString(hist));
    }
}
