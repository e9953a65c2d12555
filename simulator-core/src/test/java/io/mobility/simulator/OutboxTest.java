package io.mobility.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.simulator.sink.Emission;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private record Scheduled(long time, long seq, Emission emission) {}

    /** The order the simulation promises: event time, ties in the order scheduled (a priority queue on both). */
    @Test
    void releasesInEventTimeOrderWithTiesInSchedulingOrderLikeAPriorityQueue() {
        SplittableRandom rng = new SplittableRandom(3);
        Outbox outbox = new Outbox();
        PriorityQueue<Scheduled> reference = new PriorityQueue<>(
                (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        List<Emission> released = new ArrayList<>();
        List<Emission> expected = new ArrayList<>();
        long start = 1_746_000_000_000L - 1_746_000_000_000L % 60_000;
        long seq = 0;
        for (int minute = 0; minute < 120; minute++) {
            long tick = start + minute * 60_000L;
            for (int i = 0; i < 200; i++) {
                // due this minute (many ties on whole seconds) or up to an hour later, as ride events are
                long time = rng.nextBoolean() ? tick + rng.nextInt(60) * 1000L : tick + rng.nextLong(3_600_000L);
                Emission e = new Emission(Topics.RIDE_EVENTS_RAW.name(), "k" + seq, null, time);
                outbox.add(e);
                reference.add(new Scheduled(time, seq++, e));
            }
            long end = tick + 60_000;
            outbox.releaseBefore(end, released::add);
            while (!reference.isEmpty() && reference.peek().time < end) {
                expected.add(reference.poll().emission);
            }
            assertThat(released).hasSameSizeAs(expected);
        }
        outbox.releaseAll(released::add);
        while (!reference.isEmpty()) {
            expected.add(reference.poll().emission);
        }
        assertThat(released).hasSize(120 * 200).containsExactlyElementsOf(expected);
    }
}
