package io.mobility.serve.surge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.mobility.serve.model.ModelRef;
import java.time.Instant;

/** The multiplier, the live figures that explain it, and how fresh those figures are. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SurgePrediction(
        String zoneId, Instant time, double multiplier, ModelRef model, Explanation explanation, Freshness freshness) {

    /** demand = requests in the window, supply = available drivers, ratio = demand / max(supply, 1). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Explanation(
            int demand,
            int supply,
            double ratio,
            int openRequests,
            int windowMinutes,
            Instant windowStart,
            Instant windowEnd,
            double rawPrediction,
            double capMin,
            Double capMax) {}

    /** Age of the live state at answer time, the reader's lag behind the topic, and whether it exceeds the limit. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Freshness(Instant updatedAt, double ageSeconds, Long consumerLag, boolean stale) {}
}
