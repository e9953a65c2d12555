package io.mobility.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.setup.Environment;
import io.mobility.bench.BenchmarkReport;
import io.mobility.serve.InferenceApplication;
import io.mobility.serve.InferenceConfiguration;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;

/**
 * {@code ./mobility bench api}: single demand predictions per second and their p50/p99 latency on loopback, against
 * a trivial JSON endpoint of the same server in the same run (same connector, JSON parsing and filters, no model).
 */
public final class ApiBenchmark {

    private static final String USAGE = """
            Usage: mobility bench api [--connections N] [--seconds S] [--rounds R] [--warmup S]
              Starts the inference service on loopback with a generated demand model (100 trees of depth 5,
              10 features, 265 zones), then alternates timed rounds of POST /v1/demand/predictions and of a trivial
              JSON endpoint on the same server. Prints progress, then one JSON line:
              bench, requests_per_second, p50_ms, p99_ms, baseline_requests_per_second, baseline_p50_ms,
              baseline_p99_ms, ratio (median over rounds of demand rate / trivial rate).
              --connections  concurrent keep-alive connections (default 2)
              --seconds      length of each timed round (default 2; short rounds, interleaved, so that
                             load from other processes hits both endpoints alike)
              --rounds       timed rounds of each endpoint (default 11)
              --warmup       warm-up seconds per endpoint before timing (default 10)
            """;

    /** The baseline: parses the same JSON body through the same stack and answers a constant. */
    @Path("/bench/trivial")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public static final class TrivialResource {
        @POST
        public Map<String, Object> answer(JsonNode body) {
            return Map.of("ok", true);
        }
    }

    /** The service as deployed, plus the trivial endpoint, reporting its server once started. */
    static final class BenchApplication extends InferenceApplication {
        final CompletableFuture<Server> started = new CompletableFuture<>();

        @Override
        public void run(InferenceConfiguration config, Environment environment) {
            super.run(config, environment);
            environment.jersey().register(new TrivialResource());
            environment.lifecycle().addServerLifecycleListener(started::complete);
        }
    }

    public static void main(String[] args) throws Exception {
        int connections = 2;
        double seconds = 2;
        int rounds = 11;
        double warmup = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--connections" -> connections = Integer.parseInt(value(args, ++i));
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--warmup" -> warmup = Double.parseDouble(value(args, ++i));
                default -> {
                    System.err.println("Unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }

        java.nio.file.Path dir = Files.createTempDirectory("bench-api");
        new BenchLake().write(dir.resolve("lake"));
        java.nio.file.Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                lake: %s
                zoneState:
                  bootstrapServers: ""
                server:
                  requestLog:
                    appenders: []
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: 0
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: 0
                logging:
                  level: WARN
                """.formatted(dir.resolve("lake")));
        System.out.println("Starting the inference service with a generated lake in " + dir);
        BenchApplication app = new BenchApplication();
        app.run("server", config.toString());
        Server server = app.started.get(60, TimeUnit.SECONDS);
        int port = ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("Serving on 127.0.0.1:" + port + "; " + connections + " connections, " + rounds
                + " rounds of " + seconds + " s per endpoint after " + warmup + " s of warm-up");

        LoadGenerator load = new LoadGenerator(port, connections);
        String[] hours = new String[24 * 7];
        for (int h = 0; h < hours.length; h++) {
            hours[h] = java.time.Instant.parse("2026-11-23T00:00:00Z")
                    .plusSeconds(3600L * h)
                    .toString();
        }
        java.util.function.IntFunction<String> body = i ->
                "{\"zone_id\": \"" + (1 + i % BenchLake.ZONES) + "\", \"hour\": \"" + hours[i % hours.length] + "\"}";

        report("warm-up trivial", load.run("/bench/trivial", body, warmup));
        report("warm-up demand", load.run("/v1/demand/predictions", body, warmup));
        List<LoadGenerator.Result> trivial = new ArrayList<>();
        List<LoadGenerator.Result> demand = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            LoadGenerator.Result t = load.run("/bench/trivial", body, seconds);
            report("round " + r + " trivial", t);
            LoadGenerator.Result d = load.run("/v1/demand/predictions", body, seconds);
            report("round " + r + " demand", d);
            trivial.add(t);
            demand.add(d);
            ratios.add(d.requestsPerSecond() / t.requestsPerSecond());
        }
        server.stop();

        long errors = demand.stream().mapToLong(LoadGenerator.Result::errors).sum()
                + trivial.stream().mapToLong(LoadGenerator.Result::errors).sum();
        LoadGenerator.Result d = median(demand);
        LoadGenerator.Result t = median(trivial);
        new BenchmarkReport("api")
                .put("endpoint", "POST /v1/demand/predictions")
                .put("requests_per_second", BenchmarkReport.round(d.requestsPerSecond(), 1))
                .put("p50_ms", BenchmarkReport.round(d.p50Ms(), 3))
                .put("p99_ms", BenchmarkReport.round(d.p99Ms(), 3))
                .put("baseline", "POST /bench/trivial")
                .put("baseline_requests_per_second", BenchmarkReport.round(t.requestsPerSecond(), 1))
                .put("baseline_p50_ms", BenchmarkReport.round(t.p50Ms(), 3))
                .put("baseline_p99_ms", BenchmarkReport.round(t.p99Ms(), 3))
                .put(
                        "ratio",
                        BenchmarkReport.round(ratios.stream().sorted().toList().get(ratios.size() / 2), 3))
                .put("connections", connections)
                .put("rounds", rounds)
                .put("round_seconds", BenchmarkReport.round(seconds, 1))
                .put("errors", errors)
                .print();
        System.exit(errors == 0 ? 0 : 1);
    }

    /** The round with the median rate: its latencies belong to the rate reported. */
    private static LoadGenerator.Result median(List<LoadGenerator.Result> results) {
        return results.stream()
                .sorted(Comparator.comparingDouble(LoadGenerator.Result::requestsPerSecond))
                .toList()
                .get(results.size() / 2);
    }

    private static void report(String label, LoadGenerator.Result result) {
        System.out.println(label + ": " + LoadGenerator.describe(result).get(0));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("Missing value for " + args[i - 1] + "\n" + USAGE);
            System.exit(2);
        }
        return args[i];
    }
}
