package io.mobility.demo;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options of {@code ./mobility demo}. */
public record DemoOptions(
        Path dataDir,
        boolean fresh,
        boolean exitAfterSummary,
        double days,
        int zones,
        int driversPerZone,
        double requestsPerZoneHour,
        long seed,
        double dirtyRate,
        double liveSpeed,
        Ports ports) {

    /**
     * The default city is lighter than the simulator's own (50 drivers per zone, 12 requests per zone and hour), about
     * a third of its records with the same share of fulfilled rides: driver pings are two thirds of all records and
     * the lake's catch-up and the batch chain dominate the demo's time (docs/demo.md, "The default city").
     */
    public static final int DEFAULT_DRIVERS_PER_ZONE = 15;

    public static final double DEFAULT_REQUESTS_PER_ZONE_HOUR = 4;

    /** Where each part listens; 0 picks a free port. */
    public record Ports(int kafka, int registry, int connect, int streams, int api, int admin) {}

    /** The command line as picocli reads it: text, converted and checked by {@link #options()}. */
    public static final class Arguments {

        @Option(names = "--exit", description = "stop everything after the summary instead of running until Ctrl-C")
        boolean exit;

        @Option(names = "--fresh", description = "delete the data directory first")
        boolean fresh;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                defaultValue = ".mobility/demo",
                description = "where everything is kept (${DEFAULT-VALUE}): kafka/, lake/, logs/, ...")
        String dataDir;

        @Option(
                names = "--weeks",
                paramLabel = "N",
                defaultValue = "4",
                description = "weeks of history to simulate (${DEFAULT-VALUE})")
        String weeks;

        @Option(
                names = "--days",
                paramLabel = "N",
                description = "days of history instead, may be fractional (overrides --weeks)")
        String days;

        @Option(
                names = "--zones",
                paramLabel = "N",
                defaultValue = "30",
                description = "zones of the city, 2..263 (${DEFAULT-VALUE}); riders 667 per zone")
        String zones;

        @Option(
                names = "--drivers-per-zone",
                paramLabel = "N",
                defaultValue = "" + DEFAULT_DRIVERS_PER_ZONE,
                description = "drivers per zone (${DEFAULT-VALUE})")
        String driversPerZone;

        @Option(
                names = "--requests-per-zone-hour",
                paramLabel = "X",
                defaultValue = "" + DEFAULT_REQUESTS_PER_ZONE_HOUR,
                description = "mean ride requests per zone and hour on an ordinary day (${DEFAULT-VALUE})")
        String requestsPerZoneHour;

        @Option(
                names = "--seed",
                paramLabel = "N",
                defaultValue = "42",
                description = "the simulation's random seed (${DEFAULT-VALUE})")
        String seed;

        @Option(
                names = "--dirty",
                paramLabel = "RATE",
                defaultValue = "0.002",
                description = "rate of every kind of dirty data per ride event, 0 for none (${DEFAULT-VALUE})")
        String dirty;

        @Option(
                names = "--live-speed",
                paramLabel = "X",
                defaultValue = "1",
                description = "the live trickle's simulated seconds per second, 0 for none (${DEFAULT-VALUE})")
        String liveSpeed;

        @Option(
                names = "--kafka-port",
                paramLabel = "N",
                defaultValue = "9092",
                description = "broker (${DEFAULT-VALUE}; 0 picks a free port, as for every port)")
        String kafkaPort;

        @Option(
                names = "--registry-port",
                paramLabel = "N",
                defaultValue = "8081",
                description = "schema registry (${DEFAULT-VALUE})")
        String registryPort;

        @Option(
                names = "--connect-port",
                paramLabel = "N",
                defaultValue = "8083",
                description = "Connect REST (${DEFAULT-VALUE})")
        String connectPort;

        @Option(
                names = "--streams-port",
                paramLabel = "N",
                defaultValue = "8086",
                description = "streams health/metrics (${DEFAULT-VALUE})")
        String streamsPort;

        @Option(names = "--api-port", paramLabel = "N", defaultValue = "8080", description = "API (${DEFAULT-VALUE})")
        String apiPort;

        @Option(
                names = "--admin-port",
                paramLabel = "N",
                defaultValue = "8090",
                description = "API admin (${DEFAULT-VALUE})")
        String adminPort;

        /** The options, checked; an {@link IllegalArgumentException} names the option and what is wrong. */
        public DemoOptions options() {
            double history = days != null ? positive(days, "--days") : 7 * positive(weeks, "--weeks");
            double dirtyRate = fraction(dirty, "--dirty");
            if (dirtyRate * 10 > 0.5) {
                throw new IllegalArgumentException("--dirty applies to each of the 10 kinds of dirty data, so it must "
                        + "be at most 0.05 (the total stays at or below 0.5), got " + dirtyRate);
            }
            return new DemoOptions(
                    Path.of(dataDir),
                    fresh,
                    exit,
                    history,
                    range(zones, "--zones", 2, 263),
                    range(driversPerZone, "--drivers-per-zone", 1, 1_000),
                    positive(requestsPerZoneHour, "--requests-per-zone-hour"),
                    longValue(seed, "--seed"),
                    dirtyRate,
                    nonNegative(liveSpeed, "--live-speed"),
                    new Ports(
                            port(kafkaPort, "--kafka-port"),
                            port(registryPort, "--registry-port"),
                            port(connectPort, "--connect-port"),
                            port(streamsPort, "--streams-port"),
                            port(apiPort, "--api-port"),
                            port(adminPort, "--admin-port")));
        }
    }

    /** Parses {@code args} as {@code ./mobility demo} does; picocli's or this class's exception names what is wrong. */
    public static DemoOptions parse(String[] args) {
        Arguments arguments = new Arguments();
        new CommandLine(arguments).parseArgs(args);
        return arguments.options();
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

    private static int port(String value, String option) {
        return range(value, option, 0, 65_535);
    }

    private static int range(String value, String option, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
    }
}
