package io.mobility.platform;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of {@code ./mobility platform}: a picocli mixin of {@link PlatformCommand}. */
final class PlatformOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--kafka-port",
            paramLabel = "N",
            defaultValue = "9092",
            description = "Kafka client port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            paramLabel = "N",
            defaultValue = "8081",
            description = "schema registry port (default ${DEFAULT-VALUE})")
    int registryPort;

    @Option(
            names = "--registry-max-body-bytes",
            paramLabel = "N",
            defaultValue = "1048576",
            description = "largest request body the registry reads; longer ones get 413 (default ${DEFAULT-VALUE})")
    int registryMaxBodyBytes;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = ".mobility/platform",
            description = "where Kafka keeps topics, records and schemas (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "3",
            description = "partitions per platform topic, on first creation (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--with-connect", description = "also start a Kafka Connect worker (distributed mode)")
    boolean withConnect;

    @Option(
            names = "--connect-port",
            paramLabel = "N",
            defaultValue = "8083",
            description = "Connect REST port (default ${DEFAULT-VALUE})")
    int connectPort;

    @Option(
            names = "--plugin-path",
            paramLabel = "DIRS",
            description = "Connect plugin directories, comma-separated (default: none)")
    String pluginPath;

    /** Parses {@code args} as the command does, checks the values; a {@link ParameterException} names what is wrong. */
    static PlatformOptions parse(String... args) {
        PlatformCommand command = new PlatformCommand();
        new CommandLine(command).parseArgs(args);
        command.options.check();
        return command.options;
    }

    /** The ranges picocli's types do not check. */
    void check() {
        port("--kafka-port", kafkaPort);
        port("--registry-port", registryPort);
        port("--connect-port", connectPort);
        if (registryMaxBodyBytes < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--registry-max-body-bytes must be at least 1, got " + registryMaxBodyBytes);
        }
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
        }
    }

    private void port(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be a port between 0 and 65535, got " + port);
        }
    }

    int kafkaPort() {
        return kafkaPort;
    }

    int registryPort() {
        return registryPort;
    }

    int registryMaxBodyBytes() {
        return registryMaxBodyBytes;
    }

    Path dataDir() {
        return dataDir;
    }

    int partitions() {
        return partitions;
    }

    boolean withConnect() {
        return withConnect;
    }

    int connectPort() {
        return connectPort;
    }

    List<Path> pluginPath() {
        if (pluginPath == null) {
            return List.of();
        }
        return Arrays.stream(pluginPath.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList();
    }
}
