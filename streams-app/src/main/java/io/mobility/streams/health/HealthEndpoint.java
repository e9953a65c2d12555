package io.mobility.streams.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mobility.streams.metrics.KafkaMetricsCollector;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness, readiness and metrics over HTTP for an orchestrator and for people:
 * {@code /health/live} is 200 unless Streams has failed or stopped, {@code /health/ready} is 200 only while it is
 * RUNNING (not while restoring or rebalancing); both answer {@code {"state":"RUNNING"}}. {@code /metrics} is every
 * numeric Streams metric and the app's counters in the Prometheus text format (docs/metrics.md), for a scraper.
 */
public final class HealthEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        server.createContext(
                "/health/live", ex -> endpoint.reply(ex, endpoint.alive() ? 200 : 503, endpoint.stateJson()));
        server.createContext(
                "/health/ready", ex -> endpoint.reply(ex, endpoint.ready() ? 200 : 503, endpoint.stateJson()));
        // Its own registry, not the client's default one: the scrape is this app's metrics, read from Kafka then.
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new KafkaMetricsCollector(streams::metrics));
        server.createContext("/metrics", new MetricsHandler(registry));
        server.start();
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    boolean alive() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR
                && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR;
    }

    boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private byte[] stateJson() throws IOException {
        return JSON.writeValueAsBytes(Map.of("state", String.valueOf(streams.state())));
    }

    private void reply(HttpExchange exchange, int status, byte[] bytes) throws IOException {
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
