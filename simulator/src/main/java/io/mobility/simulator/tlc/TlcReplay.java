package io.mobility.simulator.tlc;

import io.mobility.events.Producer;
import io.mobility.events.Topics;
import io.mobility.events.ride.RideEvent;
import io.mobility.simulator.Progress;
import io.mobility.simulator.city.City;
import io.mobility.simulator.city.CityZone;
import io.mobility.simulator.city.ZoneLookup;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.sink.CountingSink;
import io.mobility.simulator.sink.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays TLC trip files: publishes the TLC zones as reference data, then each trip's ride events. Trips with an
 * unknown zone, inverted times or an impossible amount are counted by reason and still sent, as the faulty events
 * they are, for the pipeline's quarantine to catch. Rows that cannot be read at all are counted and reported with
 * their row, column and reason, and not sent.
 */
public final class TlcReplay {

    public static final String PRODUCER_NAME = "tlc-replay";
    static final int MAX_REPORTED_PROBLEMS = 20;

    private final ZoneLookup zones;
    private final TripCheck check;
    private final TripLifecycle lifecycle;
    private final Manifest manifest = new Manifest();
    private final EventSink sink;
    private final Progress progress;
    private final Map<TripCheck.Reason, Long> rejected = new EnumMap<>(TripCheck.Reason.class);
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Long> tripsByFile = new LinkedHashMap<>();
    private long tripsRead;
    private long tripsValid;

    public TlcReplay(EventSink sink, String producerVersion, Progress progress) {
        this.zones = ZoneLookup.bundled();
        this.check = new TripCheck(zones);
        this.lifecycle = new TripLifecycle(new Producer(PRODUCER_NAME, producerVersion, null), zones);
        this.sink = new CountingSink(sink, manifest);
        this.progress = progress;
        for (TripCheck.Reason r : TripCheck.Reason.values()) {
            rejected.put(r, 0L);
        }
    }

    /** Sends the known TLC zones (not 264/265) to the zones topic. */
    public void publishZones(Instant updatedAt) {
        for (CityZone zone : City.allOf(zones).zones()) {
            sink.send(Topics.ZONES.name(), zone.id(), zone.toReference(updatedAt));
        }
    }

    public void replay(Path file) throws IOException {
        String name = file.getFileName().toString();
        long before = tripsRead;
        try (TripSource source = open(file)) {
            source.forEach(new TripSource.Visitor() {
                @Override
                public void trip(TlcTrip trip) {
                    tripsRead++;
                    var reason = check.reject(trip);
                    if (reason.isPresent()) {
                        rejected.merge(reason.get(), 1L, Long::sum);
                        note(trip.where() + ": " + reason.get());
                    } else {
                        tripsValid++;
                    }
                    for (RideEvent e : lifecycle.events(trip)) {
                        sink.send(Topics.RIDE_EVENTS_RAW.name(), e.getRideId(), e);
                    }
                    progress.tick(Instant.now(), manifest::totalRecords);
                }

                @Override
                public void malformed(MalformedRowException problem) {
                    rejected.merge(TripCheck.Reason.MALFORMED_ROW, 1L, Long::sum);
                    note(problem.getMessage());
                }
            });
        }
        tripsByFile.put(name, tripsRead - before);
    }

    static TripSource open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return new TlcParquetSource(file);
        }
        if (name.endsWith(".csv")) {
            return new TlcCsvSource(file);
        }
        throw new IllegalArgumentException(file + ": expected a .csv or .parquet TLC trip file");
    }

    private void note(String problem) {
        if (problems.size() < MAX_REPORTED_PROBLEMS) {
            problems.add(problem);
        }
    }

    /** The run's report: the manifest's counts plus trips read, valid and rejected by reason. */
    public Manifest finish() {
        sink.flush();
        manifest.withoutFaultSections()
                .describe("producer", PRODUCER_NAME)
                .describe("files", tripsByFile)
                .describe("trips_read", tripsRead)
                .describe("trips_valid", tripsValid)
                .describe("trips_rejected_by_reason", rejectedByReason())
                .describe("first_problems", problems);
        return manifest;
    }

    public long tripsRead() {
        return tripsRead;
    }

    public long tripsValid() {
        return tripsValid;
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> m = new LinkedHashMap<>();
        rejected.forEach((r, n) -> m.put(r.name().toLowerCase(Locale.ROOT), n));
        return m;
    }
}
