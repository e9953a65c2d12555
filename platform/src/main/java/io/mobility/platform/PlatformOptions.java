package io.mobility.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The options of {@code ./mobility platform}, parsed; {@link PlatformCommand#USAGE} describes them. */
record PlatformOptions(int kafkaPort, int registryPort, Path dataDir, int partitions, boolean withConnect,
                       int connectPort, List<Path> pluginPath, boolean help) {

    static PlatformOptions parse(String... args) {
        int kafkaPort = 9092;
        int registryPort = 8081;
        Path dataDir = Path.of(".mobility", "platform");
        int partitions = 3;
        boolean withConnect = false;
        int connectPort = 8083;
        List<Path> pluginPath = new ArrayList<>();
        boolean help = false;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            // --name=value is the same as --name value
            if (arg.startsWith("--") && arg.contains("=")) {
                rest.add(arg.substring(0, arg.indexOf('=')));
                rest.add(arg.substring(arg.indexOf('=') + 1));
            } else {
                rest.add(arg);
            }
        }
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--with-connect" -> withConnect = true;
                case "--kafka-port" -> kafkaPort = port(option, value(rest, ++i, option));
                case "--registry-port" -> registryPort = port(option, value(rest, ++i, option));
                case "--connect-port" -> connectPort = port(option, value(rest, ++i, option));
                case "--data-dir" -> dataDir = Path.of(value(rest, ++i, option));
                case "--partitions" -> partitions = positive(option, value(rest, ++i, option));
                case "--plugin-path" -> Arrays.stream(value(rest, ++i, option).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).forEach(pluginPath::add);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new PlatformOptions(kafkaPort, registryPort, dataDir, partitions, withConnect, connectPort,
                List.copyOf(pluginPath), help);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String option, String value) {
        int port = number(option, value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port between 0 and 65535, got " + value);
        }
        return port;
    }

    private static int positive(String option, String value) {
        int number = number(option, value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
        return number;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, got '" + value + "'");
        }
    }
}
