package io.mobility.demo;

import io.mobility.demo.batch.BatchChain;
import io.mobility.demo.connect.LakeConnectors;
import io.mobility.demo.connect.LakeConnectors.Connector;
import io.mobility.demo.connect.SinkPlugin;
import io.mobility.demo.connect.WorkerProperties;
import io.mobility.demo.lake.ConsumerLag;
import io.mobility.demo.lake.DeltaRowCounts;
import io.mobility.demo.lake.LakeCatchUp;
import io.mobility.demo.process.ChildProcess;
import io.mobility.demo.process.LineSink;
import io.mobility.demo.process.ModuleLauncher;
import io.mobility.demo.process.ProcessGroup;
import io.mobility.demo.summary.ApiProbe;
import io.mobility.demo.summary.ModelMetrics;
import io.mobility.demo.summary.QuarantineCounts;
import io.mobility.demo.summary.StreamsMetrics;
import io.mobility.demo.summary.Summary;
import io.mobility.demo.summary.ZoneIds;
import io.mobility.platform.LocalPlatform;
import io.mobility.platform.Ports;
import io.mobility.platform.connect.ConnectRestClient;
import io.mobility.simulator.manifest.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The demo's steps, in order: platform (in this JVM), Connect worker and connectors, streams app, simulated
 * history, live trickle, wait for the lake, batch chain, API, summary. Every part but the broker and the registry is
 * a child JVM started from its module's build output.
 */
final class Pipeline {

    static final String STREAMS_APP_ID = "mobility-streams";

    private final DemoOptions options;
    private final DataDir data;
    private final PrintStream out;
    private final ModuleLauncher launcher;
    private final ProcessGroup processes;
    private final long started = System.nanoTime();
    private volatile boolean stopping;
    private LocalPlatform platform;
    private int connectPort;
    private int streamsPort;
    private int apiPort;
    private int adminPort;
    private List<Connector> connectors;
    private Map<String, BatchChain.Outcome> batch = new LinkedHashMap<>();

    Pipeline(DemoOptions options, DataDir data, Path projectRoot, PrintStream out) {
        this.options = options;
        this.data = data;
        this.out = out;
        this.launcher = new ModuleLauncher(projectRoot, data.logs());
        this.processes = new ProcessGroup(out);
    }

    void run(boolean resumed) throws InterruptedException {
        out.println("== " + (resumed ? "Resuming" : "Starting") + " the demo in " + data.root() + " (" + options.scale()
                + "; logs in " + data.logs() + ")");
        startPlatform();
        startConnect();
        startStreams();
        // The API follows the lake's models as they come, so it can start while the rest works.
        startApi();
        simulateHistory();
        startLiveTrickle();
        awaitLake();
        runBatch();
        summary().print(out);
    }

    /** Until a part dies (returns 1 after saying which) or the JVM is told to stop. */
    int watch() throws InterruptedException {
        while (true) {
            ChildProcess dead = processes.firstDead();
            if (dead != null) {
                out.println("demo: " + dead.name() + " stopped unexpectedly; last lines of " + dead.logFile() + ":");
                out.println(dead.tail(15));
                return 1;
            }
            Thread.sleep(2_000);
        }
    }

    /** True once stopping has begun: a part ending then is expected, not a failure. */
    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true; // before waiting for the lock: the main thread may be failing on a part just stopped
        stopAll();
    }

    private synchronized void stopAll() {
        processes.stopAll();
        if (platform != null) {
            out.println("   stopping the broker and the schema registry ...");
            platform.close();
            platform = null;
        }
        out.println("   stopped");
    }

    private void step(String title) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        out.printf("== [%d:%02d] %s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), title);
    }

    private void startPlatform() {
        step("Kafka (KRaft) and the schema registry, in this JVM");
        platform = LocalPlatform.builder()
                .kafkaPort(options.ports().kafka())
                .registryPort(options.ports().registry())
                .dataDir(data.root())
                .progress(message -> out.println("   " + message))
                .start();
        out.println("   Kafka " + platform.bootstrapServers() + ", schema registry " + platform.registryUrl());
    }

    private void startConnect() {
        step("Kafka Connect worker (own JVM) with the Delta sink plugin, and the lake's connectors");
        Path pluginPath = data.connect().resolve("plugins");
        Path plugin = SinkPlugin.install(launcher.projectRoot(), pluginPath);
        out.println("   sink plugin installed in " + plugin);
        connectPort = portOrFree("Kafka Connect REST", options.ports().connect());
        Path properties = WorkerProperties.write(
                WorkerProperties.of(platform.bootstrapServers(), connectPort, pluginPath),
                data.connect().resolve("worker.properties"));
        ChildProcess worker = processes.add(launcher.startModule(
                "connect",
                "platform",
                "org.apache.kafka.connect.cli.ConnectDistributed",
                List.of(properties.toString()),
                Map.of(),
                List.of("-Dlog4j2.configurationFile=mobility-platform-log4j2.xml"),
                LineSink.NONE));
        ConnectRestClient rest = new ConnectRestClient("http://127.0.0.1:" + connectPort);
        awaitHttp("Kafka Connect", worker, Duration.ofSeconds(180), () -> {
            try {
                return rest.send("GET", "/connectors", null).ok();
            } catch (RuntimeException e) {
                return false;
            }
        });
        connectors = LakeConnectors.all(data.lake(), platform.registryUrl());
        for (Connector connector : connectors) {
            rest.putConnector(connector.name(), connector.config());
            rest.awaitRunning(connector.name(), Duration.ofSeconds(120));
            out.printf("   connector %-16s RUNNING  %s%n", connector.name(), String.join(", ", connector.topics()));
        }
        out.println("   Connect REST API " + rest.baseUrl() + "/connectors");
    }

    private void startStreams() {
        step("Streams app (own JVM): validate, quarantine, deduplicate, conform");
        streamsPort = portOrFree("streams app health", options.ports().streams());
        ChildProcess streams = processes.add(launcher.startModule(
                "streams",
                "streams-app",
                "io.mobility.streams.StreamsCommand",
                List.of(
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        platform.registryUrl(),
                        "--application-id",
                        STREAMS_APP_ID,
                        "--state-dir",
                        data.streamsState().toString(),
                        "--http-port",
                        String.valueOf(streamsPort)),
                Map.of(),
                List.of(),
                LineSink.NONE));
        ApiProbe health = new ApiProbe("http://127.0.0.1:" + streamsPort);
        awaitHttp(
                "the streams app",
                streams,
                Duration.ofSeconds(180),
                () -> health.get("/health/ready").status() == 200);
        out.println("   streams app RUNNING; health and metrics on http://127.0.0.1:" + streamsPort + "/metrics");
    }

    private void simulateHistory() {
        if (Files.exists(data.backfillManifest())) {
            step("History already simulated in an earlier run (" + data.backfillManifest() + "): not sent again");
            return;
        }
        step(String.format(
                Locale.ROOT,
                "Simulating %s days of history: %d zones, %d drivers, %d riders, %s requests "
                        + "per zone and hour, seed %d, dirty rate %s (own JVM)",
                fmt(options.days()),
                options.zones(),
                options.drivers(),
                options.riders(),
                fmt(options.requestsPerZoneHour()),
                options.seed(),
                fmt(options.dirtyRate())));
        List<String> args = new ArrayList<>(simulatorArgs(options.seed()));
        args.addAll(List.of(
                "--start",
                historyStart(),
                "--days",
                fmt(options.days()),
                "--dirty-rate",
                fmt(options.dirtyRate()),
                "--manifest",
                data.backfillManifest() + ".tmp"));
        ChildProcess simulator = processes.add(launcher.startModule(
                "simulate", "simulator", "io.mobility.simulator.SimulateCommand", args, Map.of(), List.of(), line -> {
                    if (line.startsWith("[simulate]")) {
                        out.println("   " + line);
                    }
                }));
        int exit = simulator.await(Duration.ofHours(6));
        processes.stop(simulator);
        if (exit != 0) {
            throw new IllegalStateException("the simulator failed (exit " + exit + "); last lines of "
                    + simulator.logFile() + ":" + System.lineSeparator() + simulator.tail(15));
        }
        try {
            // Written under its final name only once complete: its presence means the history is all sent.
            Files.move(Path.of(data.backfillManifest() + ".tmp"), data.backfillManifest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the simulator manifest", e);
        }
    }

    /**
     * The history ends two hours before this hour: rides are played to their end up to an hour past it, and an event
     * stamped later than now (plus 5 minutes' skew) is quarantined as a future event.
     */
    private String historyStart() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        return end.minusSeconds(Math.round(options.days() * 86_400 / 60) * 60).toString();
    }

    private void startLiveTrickle() {
        if (options.liveSpeed() == 0) {
            step("No live trickle (--live-speed 0)");
            return;
        }
        int run = data.nextLiveRun();
        // Its own seed per run: ride ids carry the seed, so no live ride ever reuses a historical one.
        long seed = options.seed() + 1_000L * run;
        step("Live trickle (own JVM): x" + fmt(options.liveSpeed()) + " real time, clean events, seed " + seed);
        List<String> args = new ArrayList<>(simulatorArgs(seed));
        args.addAll(List.of(
                "--live",
                "--speed",
                fmt(options.liveSpeed()),
                "--manifest",
                data.liveManifest(run).toString()));
        processes.add(launcher.startModule(
                "simulate-live",
                "simulator",
                "io.mobility.simulator.SimulateCommand",
                args,
                Map.of(),
                List.of(),
                LineSink.NONE));
    }

    private List<String> simulatorArgs(long seed) {
        return List.of(
                "--bootstrap-servers",
                platform.bootstrapServers(),
                "--schema-registry-url",
                platform.registryUrl(),
                "--zones",
                String.valueOf(options.zones()),
                "--drivers",
                String.valueOf(options.drivers()),
                "--riders",
                String.valueOf(options.riders()),
                "--requests-per-zone-hour",
                fmt(options.requestsPerZoneHour()),
                "--seed",
                String.valueOf(seed));
    }

    private void awaitLake() {
        step("Waiting until the lake has caught up (streams app lag, then each connector's committed offsets)");
        try (ConsumerLag lag = new ConsumerLag(platform.bootstrapServers())) {
            new LakeCatchUp(lag, out, () -> processes.firstDead() == null)
                    .await(STREAMS_APP_ID, connectors, Duration.ofHours(3));
        }
    }

    private void runBatch() {
        step("Batch chain (one Spark JVM): " + String.join(", ", BatchChain.JOBS));
        batch = new BatchChain(launcher, processes, out).run(data.lake(), Duration.ofHours(3));
    }

    private void startApi() {
        step("Prediction and monitoring API (own JVM)");
        apiPort = portOrFree("API", options.ports().api());
        adminPort = portOrFree("API admin", options.ports().admin());
        Map<String, String> env = Map.of(
                "MOBILITY_LAKE",
                data.lake().toString(),
                "MOBILITY_KAFKA",
                platform.bootstrapServers(),
                "MOBILITY_SCHEMA_REGISTRY",
                platform.registryUrl(),
                "MOBILITY_SERVE_PORT",
                String.valueOf(apiPort),
                "MOBILITY_ADMIN_PORT",
                String.valueOf(adminPort));
        ChildProcess api = processes.add(launcher.startModule(
                "api",
                "inference-dropwizard",
                "io.mobility.serve.InferenceApplication",
                List.of(
                        "server",
                        launcher.projectRoot()
                                .resolve("inference-dropwizard/config.yml")
                                .toString()),
                env,
                List.of(),
                LineSink.NONE));
        ApiProbe probe = new ApiProbe(apiUrl());
        awaitHttp(
                "the API",
                api,
                Duration.ofSeconds(120),
                () -> probe.get("/v1/models").status() > 0);
        out.println("   API on " + apiUrl() + ", admin on http://127.0.0.1:" + adminPort);
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    private Summary summary() {
        step("Summary");
        Manifest.Totals manifest = Manifest.read(data.backfillManifest());
        ApiProbe api = new ApiProbe(apiUrl());
        List<String> samples = new ArrayList<>();
        List<String> zones = ZoneIds.read(platform.bootstrapServers());
        for (String zone : zones.subList(0, Math.min(3, zones.size()))) {
            samples.add("demand, zone " + zone + ", next hour: " + api.demand(zone));
        }
        if (!zones.isEmpty()) {
            samples.add("surge, zone " + zones.get(0) + ", now: " + api.surge(zones.get(0)));
        }
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("API", apiUrl() + "  (OpenAPI: " + apiUrl() + "/openapi.json)");
        urls.put("monitoring page", apiUrl() + "/monitoring");
        urls.put("Connect REST API", "http://127.0.0.1:" + connectPort + "/connectors");
        urls.put("API admin", "http://127.0.0.1:" + adminPort + "/healthcheck");
        urls.put("streams metrics", "http://127.0.0.1:" + streamsPort + "/metrics");
        urls.put("Kafka", platform.bootstrapServers());
        urls.put("schema registry", platform.registryUrl());
        urls.put("lake", data.lake().toString());
        return new Summary(
                Duration.ofNanos(System.nanoTime() - started),
                manifest,
                QuarantineCounts.byReason(platform.bootstrapServers(), platform.registryUrl()),
                StreamsMetrics.duplicatesDropped(streamsPort),
                DeltaRowCounts.tables(data.lake(), List.of("bronze", "silver", "gold")),
                batch,
                ModelMetrics.lines(data.lake()),
                samples,
                urls,
                data.logs());
    }

    private void awaitHttp(String what, ChildProcess process, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " stopped while starting; last lines of " + process.logFile()
                        + ":" + System.lineSeparator() + process.tail(20));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        what + " was not ready after " + timeout.toSeconds() + " s; see " + process.logFile());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what, e);
            }
        }
    }

    private static int portOrFree(String service, int port) {
        if (port == 0) {
            return Ports.free();
        }
        Ports.requireFree(service, port);
        return port;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
