package io.mobility.platform;

import io.mobility.events.Topic;
import io.mobility.events.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mobility platform}: the local platform (Kafka, schema registry, optionally Kafka Connect) in the
 * foreground until Ctrl-C.
 */
public final class PlatformCommand {

    static {
        // Before any logger exists: Kafka at WARN, the platform's own steps at INFO (see that file).
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-platform-log4j2.xml");
        }
    }

    static final String USAGE = """
            usage: ./mobility platform [options]

            Starts, in one JVM, a Kafka broker (KRaft, single node) with every platform topic, a schema registry
            speaking the Confluent REST API and, with --with-connect, a Kafka Connect worker. Data is kept in
            --data-dir and reused by the next run. Ctrl-C stops everything.

              --kafka-port N        Kafka client port on 127.0.0.1 (default 9092)
              --registry-port N     schema registry port (default 8081)
              --data-dir DIR        where Kafka keeps topics, records and schemas (default .mobility/platform)
              --partitions N        partitions per platform topic, on first creation (default 3)
              --with-connect        also start a Kafka Connect worker (distributed mode)
              --connect-port N      Connect REST port (default 8083)
              --plugin-path DIRS    Connect plugin directories, comma-separated (default: none)
              --help                this text
            """;

    private PlatformCommand() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run ./mobility platform --help for the options.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        System.exit(run(options, System.out, System.err));
    }

    static int run(Options options, PrintStream out, PrintStream err) {
        LocalPlatform platform;
        try {
            platform = LocalPlatform.builder()
                    .kafkaPort(options.kafkaPort())
                    .registryPort(options.registryPort())
                    .dataDir(options.dataDir())
                    .partitions(options.partitions())
                    .withConnect(options.withConnect())
                    .connectPort(options.connectPort())
                    .pluginPath(options.pluginPath())
                    .progress(step -> out.println("[platform] " + step))
                    .start();
        } catch (RuntimeException e) {
            err.println("error: " + describe(e));
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("[platform] stopping ...");
            try {
                platform.close();
                out.println("[platform] stopped");
            } catch (RuntimeException e) {
                err.println("error while stopping: " + describe(e));
            }
            stopped.countDown();
        }, "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println(summary(platform, options));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String summary(LocalPlatform platform, Options options) {
        StringBuilder text = new StringBuilder();
        text.append("\nMobility platform is up (data: ").append(options.dataDir().toAbsolutePath().normalize())
                .append(")\n");
        text.append(String.format("  %-24s %s%n", "Kafka bootstrap servers", platform.bootstrapServers()));
        text.append(String.format("  %-24s %s%n", "Schema registry", platform.registryUrl()));
        platform.connectWorker().ifPresent(c ->
                text.append(String.format("  %-24s %s%n", "Kafka Connect REST", c.restUrl())));
        text.append(String.format("  %-24s %s%n", "Topics", Topics.ALL.stream().map(Topic::name).toList()));
        text.append("Press Ctrl-C to stop.");
        return text.toString();
    }

    /** The message a user needs: the exception's own, plus the root cause's when it adds something. */
    static String describe(Throwable e) {
        if (e instanceof PortInUseException) {
            return e.getMessage(); // complete as it is; the OS's "Address already in use" adds nothing
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (cause: " + root.getMessage() + ")";
        }
        return message;
    }

    /** The command line, parsed. */
    record Options(int kafkaPort, int registryPort, Path dataDir, int partitions, boolean withConnect,
                   int connectPort, List<Path> pluginPath, boolean help) {

        static Options parse(String... args) {
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
            return new Options(kafkaPort, registryPort, dataDir, partitions, withConnect, connectPort,
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
}
