package io.mobility.demo;

import java.nio.file.Path;

/** Options of {@code ./mobility demo}. */
public record DemoOptions(Path dataDir, boolean fresh, boolean exitAfterSummary, double days, int zones,
                          int driversPerZone, double requestsPerZoneHour, long seed, double dirtyRate,
                          double liveSpeed, Ports ports, boolean help) {

    /**
     * The default city is lighter than the simulator's own (50 drivers per zone, 12 requests per zone and hour), about
     * a third of its records with the same share of fulfilled rides: driver pings are two thirds of all records and
     * the lake's catch-up and the batch chain dominate the demo's time (docs/demo.md, "The default city").
     */
    public static final int DEFAULT_DRIVERS_PER_ZONE = 15;
    public static final double DEFAULT_REQUESTS_PER_ZONE_HOUR = 4;

    /** Where each part listens; 0 picks a free port. */
    public record Ports(int kafka, int registry, int connect, int streams, int api, int admin) {
    }

    public static final String USAGE = """
            usage: ./mobility demo [options]

              The whole pipeline on this machine, each part in its own JVM: Kafka (KRaft) and the schema registry,
              a Kafka Connect worker with the Delta sink (bronze, silver, rides, reference, quarantine connectors),
              the streams app, a simulated city (history, then a live trickle), the batch chain (gold, aggregates,
              features, train, score, monitor) and the API. Prints progress, then a summary; Ctrl-C stops everything.
              Running it again resumes: the data directory keeps the topics, the lake and the connectors, and the
              history is not simulated twice. --fresh starts from nothing. docs/demo.md explains it all.

              --exit               stop everything after the summary instead of running until Ctrl-C
              --fresh              delete the data directory first
              --data-dir DIR       where everything is kept (.mobility/demo): kafka/, lake/, logs/, ...
              --weeks N            weeks of history to simulate (4)
              --days N             days of history instead, may be fractional (overrides --weeks)
              --zones N            zones of the city, 2..263 (30); riders 667 per zone
              --drivers-per-zone N drivers per zone (15)
              --requests-per-zone-hour X
                                   mean ride requests per zone and hour on an ordinary day (4)
              --seed N             the simulation's random seed (42)
              --dirty RATE         rate of every kind of dirty data per ride event, 0 for none (0.002)
              --live-speed X       the live trickle's simulated seconds per second, 0 for none (1)
              --kafka-port N       broker (9092)          --registry-port N   schema registry (8081)
              --connect-port N     Connect REST (8083)    --streams-port N    streams health/metrics (8086)
              --api-port N         API (8080)             --admin-port N      API admin (8090)
                                   (0 picks a free port)""";

    public static DemoOptions parse(String[] args) {
        Path dataDir = Path.of(".mobility", "demo");
        boolean fresh = false;
        boolean exit = false;
        boolean help = false;
        double days = 28;
        int zones = 30;
        int driversPerZone = DEFAULT_DRIVERS_PER_ZONE;
        double requests = DEFAULT_REQUESTS_PER_ZONE_HOUR;
        long seed = 42;
        double dirty = 0.002;
        double liveSpeed = 1;
        int kafka = 9092;
        int registry = 8081;
        int connect = 8083;
        int streams = 8086;
        int api = 8080;
        int admin = 8090;
        Double explicitDays = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--exit" -> exit = true;
                case "--fresh" -> fresh = true;
                case "--help", "-h" -> help = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, option));
                case "--weeks" -> days = 7 * positive(value(args, ++i, option), option);
                case "--days" -> explicitDays = positive(value(args, ++i, option), option);
                case "--zones" -> zones = range(value(args, ++i, option), option, 2, 263);
                case "--drivers-per-zone" -> driversPerZone = range(value(args, ++i, option), option, 1, 1_000);
                case "--requests-per-zone-hour" -> requests = positive(value(args, ++i, option), option);
                case "--seed" -> seed = longValue(value(args, ++i, option), option);
                case "--dirty" -> dirty = fraction(value(args, ++i, option), option);
                case "--live-speed" -> liveSpeed = nonNegative(value(args, ++i, option), option);
                case "--kafka-port" -> kafka = range(value(args, ++i, option), option, 0, 65_535);
                case "--registry-port" -> registry = range(value(args, ++i, option), option, 0, 65_535);
                case "--connect-port" -> connect = range(value(args, ++i, option), option, 0, 65_535);
                case "--streams-port" -> streams = range(value(args, ++i, option), option, 0, 65_535);
                case "--api-port" -> api = range(value(args, ++i, option), option, 0, 65_535);
                case "--admin-port" -> admin = range(value(args, ++i, option), option, 0, 65_535);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (dirty * 10 > 0.5) {
            throw new IllegalArgumentException("--dirty applies to each of the 10 kinds of dirty data, so it must be "
                    + "at most 0.05 (the total stays at or below 0.5), got " + dirty);
        }
        return new DemoOptions(dataDir, fresh, exit, explicitDays != null ? explicitDays : days, zones, driversPerZone,
                requests, seed, dirty, liveSpeed, new Ports(kafka, registry, connect, streams, api, admin), help);
    }

    public int drivers() {
        return driversPerZone * zones;
    }

    public int riders() {
        return 667 * zones;
    }

    /** What makes the simulated history: a data directory resumed with other values would mix two cities. */
    public String scale() {
        return "days=" + days + " zones=" + zones + " drivers/zone=" + driversPerZone + " requests/zone-hour="
                + requestsPerZoneHour + " seed=" + seed + " dirty=" + dirtyRate;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double number(String value, String option) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not '" + value + "'");
        }
    }

    private static double positive(String value, String option) {
        double d = number(value, option);
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(option + " must be above 0, got " + value);
        }
        return d;
    }

    private static double nonNegative(String value, String option) {
        double d = number(value, option);
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(option + " must be 0 or more, got " + value);
        }
        return d;
    }

    private static double fraction(String value, String option) {
        double d = nonNegative(value, option);
        if (d > 1) {
            throw new IllegalArgumentException(option + " is a rate between 0 and 1, got " + value);
        }
        return d;
    }

    private static long longValue(String value, String option) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, not '" + value + "'");
        }
    }

    private static int range(String value, String option, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max
                    + ", not '" + value + "'");
        }
    }
}
