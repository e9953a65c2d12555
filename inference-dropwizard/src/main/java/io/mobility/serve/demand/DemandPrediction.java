package io.mobility.serve.demand;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.mobility.serve.model.ModelRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The forecast and where its inputs came from; {@code features} holds the exact vector evaluated (null = missing). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DemandPrediction(
        String zoneId,
        String zoneName,
        Instant hour,
        double predictedRequests,
        ModelRef model,
        Instant snapshotAsOfHour,
        Instant snapshotGeneratedAt,
        List<String> overridden,
        Map<String, Double> features) {}
