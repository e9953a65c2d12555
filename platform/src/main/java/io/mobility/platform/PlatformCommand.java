package io.mobility.platform;

import io.mobility.events.Topic;
import io.mobility.events.Topics;
import io.mobility.platform.registry.RegistryHttpSettings;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./mobility platform}: the local platform (Kafka, schema registry, optionally Kafka Connect) in the
 * foreground until Ctrl-C.
 */
@Command(
        name = "platform",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Starts, in one JVM, a Kafka broker (KRaft, single node) with every platform topic, a schema registry",
            "speaking the Confluent REST API and, with --with-connect, a Kafka Connect worker. Data is kept in",
            "--data-dir and reused by the next run. Ctrl-C stops everything."
        })
public final class PlatformCommand implements Callable<Integer> {

    static {
        // Before any logger exists: Kafka at WARN, the platform's own steps at INFO (see that file).
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "mobility-platform-log4j2.xml");
        }
    }

    @Mixin
    PlatformOptions options;

    public static void main(String[] args) {
        int status = new CommandLine(new PlatformCommand()).execute(args);
        if (status != 0) {
            // Only on failure: after Ctrl-C the JVM is already shutting down, and exit() would block.
            System.exit(status);
        }
    }

    @Override
    public Integer call() {
        options.check();
        return run(options, System.out, System.err);
    }

    static int run(PlatformOptions options, PrintStream out, PrintStream err) {
        LocalPlatform platform;
        try {
            // Credentials only from the environment: an option would show them in `ps` and shell history.
            RegistryHttpSettings registrySettings = RegistryHttpSettings.fromEnvironment(System.getenv())
                    .withMaxRequestBytes(options.registryMaxBodyBytes());
            platform = LocalPlatform.builder()
                    .kafkaPort(options.kafkaPort())
                    .registryPort(options.registryPort())
                    .registrySettings(registrySettings)
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
        Thread hook = new Thread(
                () -> {
                    out.println("[platform] stopping ...");
                    try {
                        platform.close();
                        out.println("[platform] stopped");
                    } catch (RuntimeException e) {
                        err.println("error while stopping: " + describe(e));
                    }
                    stopped.countDown();
                },
                "platform-shutdown");
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

    static String summary(LocalPlatform platform, PlatformOptions options) {
        StringBuilder text = new StringBuilder();
        text.append("\nMobility platform is up (data: ")
                .append(options.dataDir().toAbsolutePath().normalize())
                .append(")\n");
        text.append(String.format("  %-24s %s%n", "Kafka bootstrap servers", platform.bootstrapServers()));
        text.append(String.format(
                "  %-24s %s%s%n",
                "Schema registry",
                platform.registryUrl(),
                platform.registry()
                        .httpSettings()
                        .basicAuthUser()
                        .map(u -> " (basic auth, user " + u + ")")
                        .orElse("")));
        platform.connectWorker()
                .ifPresent(c -> text.append(String.format("  %-24s %s%n", "Kafka Connect REST", c.restUrl())));
        text.append(String.format(
                "  %-24s %s%n", "Topics", Topics.ALL.stream().map(Topic::name).toList()));
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
}
