package io.mobility.simulator;

import io.mobility.events.Producer;
import io.mobility.events.Topics;
import io.mobility.events.rider.Rider;
import io.mobility.events.zone.ZoneType;
import io.mobility.simulator.city.City;
import io.mobility.simulator.city.CityZone;
import io.mobility.simulator.city.ZoneLookup;
import io.mobility.simulator.clock.SimulationClock;
import io.mobility.simulator.demand.CityCalendar;
import io.mobility.simulator.demand.DemandModel;
import io.mobility.simulator.demand.Shock;
import io.mobility.simulator.fault.FaultInjector;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.pricing.SurgePricing;
import io.mobility.simulator.ride.Dispatcher;
import io.mobility.simulator.sink.CountingSink;
import io.mobility.simulator.sink.Emission;
import io.mobility.simulator.sink.EventSink;
import io.mobility.simulator.supply.Fleet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One run of the synthetic city: publishes the reference data (zones, drivers, riders) first, then plays minute
 * after minute of event time — surge, supply, demand, dispatch — and sends every event in event-time order through
 * the fault injector to the sink. The manifest counts what was sent.
 */
public final class Simulation {

    public static final String PRODUCER_NAME = "simulator";

    private final SimulationConfig config;
    private final City city;
    private final CityCalendar calendar;
    private final DemandModel demand;
    private final Fleet fleet;
    private final Dispatcher dispatcher;
    private final Producer producer;
    private final Manifest manifest = new Manifest();
    private final EventSink sink;
    private final FaultInjector faults;
    private final SimulationClock clock;
    private final Progress progress;
    private final Outbox outbox = new Outbox();
    private volatile boolean stopRequested;

    public Simulation(
            SimulationConfig config, EventSink sink, SimulationClock clock, Clock wallClock, Progress progress) {
        this.config = config;
        this.city = City.of(config.zones(), ZoneLookup.bundled());
        int days = config.length() == null
                ? 366
                : (int) Math.max(1, config.length().toDays() + 1);
        List<String> venues = city.zones().stream()
                .filter(z -> z.type() == ZoneType.NIGHTLIFE || z.type() == ZoneType.MIXED)
                .map(CityZone::id)
                .toList();
        this.calendar = CityCalendar.draw(config.seed(), config.start(), days, venues);
        this.demand = new DemandModel(city, calendar, config.requestsPerZoneHour());
        this.producer = new Producer(PRODUCER_NAME, config.producerVersion(), "seed-" + config.seed());
        this.fleet = Fleet.hire(config.drivers(), city, config.seed(), producer);
        this.dispatcher = new Dispatcher(
                city,
                fleet,
                new SurgePricing(config.surgeCap(), SurgePricing.DEFAULT_SENSITIVITY),
                config.riders(),
                config.seed(),
                producer);
        this.sink = new CountingSink(sink, manifest);
        this.faults = new FaultInjector(config.faults(), this.sink, manifest, wallClock, config.seed());
        this.clock = clock;
        this.progress = progress;
        describe();
    }

    /** Asks a running simulation to finish the current minute, flush and return (live mode, Ctrl-C). */
    public void stop() {
        stopRequested = true;
    }

    public City city() {
        return city;
    }

    public CityCalendar calendar() {
        return calendar;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Runs to the end of the configured length (or until stopped) and returns the manifest. */
    public Manifest run() throws InterruptedException {
        publishReferenceData();
        Instant tick = config.start();
        Instant end = config.length() == null ? Instant.MAX : config.start().plus(config.length());
        double[] rates = new double[city.size()];
        while (tick.isBefore(end) && !stopRequested) {
            clock.awaitEventTime(tick);
            double[] surge = dispatcher.updateSurge();
            demand.ratesPerMinute(tick, rates);
            fleet.advance(tick, demand.supplyFactor(tick), surge, this::schedule);
            dispatcher.advance(tick, rates, this::schedule);
            long minuteEnd = tick.toEpochMilli() + 60_000;
            outbox.releaseBefore(minuteEnd, faults::accept);
            faults.advanceTo(minuteEnd);
            tick = tick.plusSeconds(60);
            progress.tick(tick, manifest::totalRecords);
        }
        // Rides decided before the end still finish: their events are part of the history.
        outbox.releaseAll(faults::accept);
        faults.releaseAll();
        sink.flush();
        manifest.describe("end", tick.toString());
        return manifest;
    }

    private void schedule(Emission e) {
        outbox.add(e);
    }

    private void publishReferenceData() {
        Instant at = config.start();
        for (CityZone zone : city.zones()) {
            sink.send(Topics.ZONES.name(), zone.id(), zone.toReference(at));
        }
        fleet.references(at).forEach(d -> sink.send(Topics.DRIVERS.name(), d.getDriverId(), d));
        SplittableRandom rng = new SplittableRandom(config.seed() ^ 0x21DE25L);
        LocalDate day = at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        for (int i = 1; i <= config.riders(); i++) {
            String id = Dispatcher.riderId(i);
            Double rating = rng.nextDouble() < 0.9 ? Math.round((4.0 + rng.nextDouble()) * 100) / 100.0 : null;
            Rider r = new Rider(
                    id,
                    day.minusDays(rng.nextInt(2000)),
                    city.zone(rng.nextInt(city.size())).id(),
                    rating,
                    at);
            sink.send(Topics.RIDERS.name(), id, r);
        }
        sink.flush();
    }

    private void describe() {
        manifest.describe("producer", PRODUCER_NAME)
                .describe("seed", config.seed())
                .describe("start", config.start().toString())
                .describe(
                        "length",
                        config.length() == null ? null : config.length().toString())
                .describe("zones", config.zones())
                .describe("drivers", config.drivers())
                .describe("riders", config.riders())
                .describe("requests_per_zone_hour", config.requestsPerZoneHour())
                .describe("surge_cap", config.surgeCap());
        Map<String, Double> rates = new LinkedHashMap<>();
        for (var kind : io.mobility.simulator.fault.FaultKind.values()) {
            rates.put(kind.key(), config.faults().rate(kind));
        }
        manifest.describe("fault_rates", rates);
        Map<String, Object> cal = new LinkedHashMap<>();
        LocalDate first = CityCalendar.local(config.start()).toLocalDate();
        LocalDate last = config.length() == null
                ? first.plusDays(366)
                : CityCalendar.local(config.start().plus(config.length())).toLocalDate();
        cal.put("time_zone", CityCalendar.NEW_YORK.getId());
        cal.put(
                "holidays",
                calendar.holidaysIn(first, last).stream()
                        .map(LocalDate::toString)
                        .toList());
        Map<String, String> weather = new LinkedHashMap<>();
        calendar.weatherByDay().forEach((d, w) -> {
            if (!d.isAfter(last)) {
                weather.put(d.toString(), w.name());
            }
        });
        cal.put("weather", weather);
        List<Map<String, Object>> shocks = new ArrayList<>();
        for (Shock s : calendar.shocks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind().name());
            m.put("zone_id", s.zoneId());
            m.put("from", s.from().toString());
            m.put("to", s.to().toString());
            m.put("demand_factor", s.demandFactor());
            shocks.add(m);
        }
        cal.put("shocks", shocks);
        manifest.section("calendar", cal);
    }
}
