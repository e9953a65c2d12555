package io.mobility.serve.monitoring;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.mobility.serve.error.ApiException;
import io.mobility.serve.export.ExportedFile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Latest accuracy and drift per model, as the batch monitor computed them. */
@Path("/v1/monitoring")
@Produces(MediaType.APPLICATION_JSON)
public final class MonitoringResource {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonitoringView(Instant generatedAt, double ageSeconds, JsonNode models) {
    }

    private final ExportedFile<MonitoringSnapshot> snapshot;
    private final Clock clock;

    public MonitoringResource(ExportedFile<MonitoringSnapshot> snapshot, Clock clock) {
        this.snapshot = snapshot;
        this.clock = clock;
    }

    @GET
    @Timed(name = "monitoring")
    public MonitoringView latest() {
        MonitoringSnapshot latest = snapshot.current().orElseThrow(() -> ApiException.unavailable(
                "monitoring_unavailable", "no monitoring snapshot: " + snapshot.problem().orElse("not loaded yet")));
        double age = Duration.between(latest.generatedAt(), clock.instant()).toMillis() / 1000.0;
        return new MonitoringView(latest.generatedAt(), age, latest.models());
    }
}
