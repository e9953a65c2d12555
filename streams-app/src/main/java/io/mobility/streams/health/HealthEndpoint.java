package io.mobility.streams.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness, readiness and metrics over HTTP for an orchestrator and for people:
 * {@code /health/live} is 200 unless Streams has failed or stopped, {@code /health/ready} is 200 only while it is
 * RUNNING (not while restoring or rebalancing), {@code /metrics} is every Streams metric as JSON.
 */
public final class HealthEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final KafkaStreams streams;

    private HealthEndpoint(HttpServer server, KafkaStreams streams) {
        this.server = server;
        this.streams = streams;
    }

    /** Serves on {@code host:port} (port 0 picks a free one) until closed. */
    public static HealthEndpoint start(KafkaStreams streams, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve health on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        HealthEndpoint endpoint = new HealthEndpoint(server, streams);
        server.createContext("/health/live", ex -> endpoint.reply(ex, endpoint.alive() ? 200 : 503,
                endpoint.stateJson()));
        server.createContext("/health/ready", ex -> endpoint.reply(ex, endpoint.ready() ? 200 : 503,
                endpoint.stateJson()));
        server.createContext("/metrics", ex -> endpoint.reply(ex, 200, metricsJson(streams.metrics())));
        server.start();
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    boolean alive() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR;
    }

    boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private String stateJson() {
        return "{\"state\":\"" + streams.state() + "\"}";
    }

    static String metricsJson(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(e -> e.getValue().metricValue() instanceof Number)
                .sorted(Comparator.comparing((Map.Entry<MetricName, ? extends Metric> e) -> e.getKey().group())
                        .thenComparing(e -> e.getKey().name()))
                .map(e -> "{\"group\":" + quote(e.getKey().group()) + ",\"name\":" + quote(e.getKey().name())
                        + ",\"tags\":{" + e.getKey().tags().entrySet().stream()
                        .map(t -> quote(t.getKey()) + ":" + quote(t.getValue())).collect(Collectors.joining(","))
                        + "},\"value\":" + number((Number) e.getValue().metricValue()) + "}")
                .collect(Collectors.joining(",\n", "[", "]\n"));
    }

    private static String number(Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) ? String.valueOf(n) : "null";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
