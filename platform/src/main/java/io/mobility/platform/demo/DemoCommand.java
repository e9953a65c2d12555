package io.mobility.platform.demo;

import io.mobility.events.ExampleEvents;
import io.mobility.events.Topic;
import io.mobility.events.Topics;
import io.mobility.platform.LocalPlatform;
import io.mobility.registry.RestSchemaRegistryClient;
import io.mobility.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code ./mobility demo}: the platform on this machine, and proof that it carries the contract. Starts the broker
 * and the registry, registers every topic's schema, sends one example of every record through the broker in a
 * transaction and reads each back. Later stages of the pipeline join the demo as they are built.
 */
public final class DemoCommand {

    private DemoCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the demo; returns the process exit code. With {@code --exit} it returns after the summary. */
    public static int run(String[] args, PrintStream out) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("demo: " + e.getMessage() + " (try --help)");
            return 2;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        if (options.fresh()) {
            deleteRecursively(options.dataDir());
        }
        out.println("== Starting the platform (data in " + options.dataDir().toAbsolutePath() + ")");
        LocalPlatform platform;
        try {
            platform = LocalPlatform.builder().kafkaPort(options.kafkaPort()).registryPort(options.registryPort())
                    .dataDir(options.dataDir()).progress(message -> out.println("   " + message)).start();
        } catch (RuntimeException e) {
            out.println("demo: the platform did not start: " + e.getMessage());
            return 1;
        }
        try {
            SchemaRegistryClient registry = new RestSchemaRegistryClient(platform.registryUrl());
            out.println("== Registering the event contract");
            for (Topic topic : Topics.ALL) {
                int id = registry.register(topic.valueSubject(), topic.valueSchema());
                out.printf("   %-38s schema id %3d  version %d%n", topic.valueSubject(), id,
                        registry.latest(topic.valueSubject()).version());
            }
            out.println("== Sending one example of every record through the broker, then reading it back");
            List<SpecificRecord> examples = ExampleEvents.everyType();
            List<RoundTrip.Result> results = new RoundTrip(platform.bootstrapServers(), platform.registryUrl())
                    .run(examples);
            results.forEach(result -> out.println("   " + result));
            long failed = results.stream().filter(r -> !r.intact()).count();
            out.println();
            out.printf("== %d of %d records went through the broker and came back intact%n", results.size() - failed,
                    results.size());
            out.println("   Kafka bootstrap servers  " + platform.bootstrapServers());
            out.println("   Schema registry          " + platform.registryUrl());
            if (failed > 0) {
                stop(platform, out);
                return 1;
            }
            if (!options.exitAfterSummary()) {
                out.println("== Running; Ctrl-C stops everything");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(platform, out), "demo-shutdown"));
                new CountDownLatch(1).await(); // until the JVM is told to exit; the hook then stops the platform
            }
            stop(platform, out);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(platform, out);
            return 1;
        } catch (RuntimeException e) {
            out.println("demo: " + e.getMessage());
            stop(platform, out);
            return 1;
        }
    }

    private static void stop(LocalPlatform platform, PrintStream out) {
        out.println("== Stopping the platform");
        platform.close();
        out.println("   stopped");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + " for --fresh", e);
        }
    }
}
