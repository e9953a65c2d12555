package io.mobility.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./mobility serve}: checks its options, then runs Dropwizard's {@code server} command of
 * {@link InferenceApplication} with the configuration file. Dropwizard's own command line ({@code server FILE},
 * {@code check FILE}) stays {@link InferenceApplication#main}'s, for the container image and compose.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 110,
        description = {
            "The prediction, model and monitoring API (Dropwizard): demand and surge predictions, model metadata and",
            "monitoring over HTTP; health checks, metrics and Prometheus exposition on the admin port. Every",
            "$${VAR:-default} of the configuration comes from the environment (docs/configuration.md)."
        },
        footer = {
            "",
            "Dropwizard's own commands (server FILE, check FILE) are InferenceApplication's main class:",
            "  java -cp ... io.mobility.serve.InferenceApplication check inference-dropwizard/config.yml"
        })
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Dropwizard configuration (default: " + InferenceApplication.DEFAULT_CONFIG
                    + " of the project, else of the working directory)")
    Path config;

    public static void main(String[] args) {
        int status = new CommandLine(new ServeCommand()).execute(args);
        if (status != 0) {
            // Only on failure: the server runs on Jetty's threads after call() returns.
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        // Dropwizard loads only now, after the options are read.
        new InferenceApplication().run(dropwizardArgs().toArray(String[]::new));
        return 0;
    }

    /** Dropwizard's arguments: {@code server} and the configuration file, which must exist. */
    List<String> dropwizardArgs() {
        Path file = config != null ? config : defaultConfig();
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--config: no such file " + file.toAbsolutePath());
        }
        return List.of("server", file.toString());
    }

    /** Under {@code -Dmobility.root} (set by ./mobility), so that the command works from any directory. */
    private static Path defaultConfig() {
        String root = System.getProperty("mobility.root");
        return root == null
                ? Path.of(InferenceApplication.DEFAULT_CONFIG)
                : Path.of(root).resolve(InferenceApplication.DEFAULT_CONFIG);
    }
}
