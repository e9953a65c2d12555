package io.mobility.serve.monitoring;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.mobility.lake.MonitoringSnapshot;
import io.mobility.serve.error.ApiException;
import io.mobility.serve.export.ExportedFile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Latest accuracy and drift per model, as the batch monitor computed them. */
@Path("/v1/monitoring")
@Produces(MediaType.APPLICATION_JSON)
public final class MonitoringResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonitoringView(Instant generatedAt, double ageSeconds, JsonNode models) {}

    /** Latency of one endpoint since start: Dropwizard's timer, in milliseconds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Latency(long count, double p50Ms, double p99Ms, double meanRatePerSecond) {}

    private static final String PREFIX = "io.mobility.serve.";

    private final ExportedFile<MonitoringSnapshot> snapshot;
    private final MetricRegistry metrics;
    private final Clock clock;

    public MonitoringResource(ExportedFile<MonitoringSnapshot> snapshot, MetricRegistry metrics, Clock clock) {
        this.snapshot = snapshot;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The {@code @Timed} endpoints' latencies, so the monitoring page need not reach the admin port. */
    @GET
    @Path("/latency")
    public Map<String, Map<String, Latency>> latency() {
        Map<String, Latency> endpoints = new TreeMap<>();
        metrics.getTimers((name, metric) -> name.startsWith(PREFIX)
                        // Jersey's own per-method timers (filtering, total) would duplicate the endpoints' @Timed ones.
                        && !name.endsWith(".total")
                        && !name.contains("filtering"))
                .forEach((name, timer) -> {
                    Snapshot s = timer.getSnapshot();
                    endpoints.put(
                            name.substring(name.lastIndexOf('.') + 1),
                            new Latency(
                                    timer.getCount(),
                                    s.getMedian() / 1e6,
                                    s.get99thPercentile() / 1e6,
                                    timer.getMeanRate()));
                });
        return Map.of("endpoints", endpoints);
    }

    @GET
    @Timed(name = "monitoring")
    public MonitoringView latest() {
        MonitoringSnapshot latest = snapshot.current()
                .orElseThrow(() -> ApiException.unavailable(
                        "monitoring_unavailable",
                        "no monitoring snapshot: " + snapshot.problem().orElse("not loaded yet")));
        double age = Duration.between(latest.generatedAt(), clock.instant()).toMillis() / 1000.0;
        return new MonitoringView(latest.generatedAt(), age, latest.models());
    }
}
