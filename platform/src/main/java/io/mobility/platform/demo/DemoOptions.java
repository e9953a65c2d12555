package io.mobility.platform.demo;

import java.nio.file.Path;

/** Options of {@code ./mobility demo}. */
record DemoOptions(int kafkaPort, int registryPort, Path dataDir, boolean fresh, boolean exitAfterSummary,
                   boolean help) {

    static final String USAGE = """
            usage: ./mobility demo [--exit] [--fresh] [--data-dir DIR] [--kafka-port N] [--registry-port N]

              Starts the platform on this machine (Kafka broker in KRaft mode, schema registry), registers the event
              contract, sends one example of every record through the broker and reads it back, then prints a summary.
              Running it again reuses the data directory: topics, records and schema ids survive.

              --exit             stop after the summary instead of running until Ctrl-C
              --fresh            delete the data directory first
              --data-dir DIR     where the broker and registry keep their data (.mobility/demo)
              --kafka-port N     broker port (9092; 0 picks a free one)
              --registry-port N  schema registry port (8081; 0 picks a free one)""";

    static DemoOptions parse(String[] args) {
        int kafkaPort = 9092;
        int registryPort = 8081;
        Path dataDir = Path.of(".mobility", "demo");
        boolean fresh = false;
        boolean exit = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exit" -> exit = true;
                case "--fresh" -> fresh = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "--kafka-port" -> kafkaPort = port(value(args, ++i, "--kafka-port"), "--kafka-port");
                case "--registry-port" -> registryPort = port(value(args, ++i, "--registry-port"), "--registry-port");
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new DemoOptions(kafkaPort, registryPort, dataDir, fresh, exit, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String value, String option) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number 0-65535, not '" + value + "'");
        }
    }
}
