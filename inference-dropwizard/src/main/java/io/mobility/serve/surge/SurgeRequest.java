package io.mobility.serve.surge;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.serve.request.RequestObject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** {@code {"zone_id": "132", "time": "2026-11-27T08:10:00Z"}}; {@code time} (for calendar features) defaults to now. */
public record SurgeRequest(String zoneId, Optional<Instant> time) {

    public static final Set<String> FIELDS = Set.of("zone_id", "time");

    public static SurgeRequest parse(JsonNode body, String path) {
        RequestObject request = RequestObject.of(body, path, FIELDS);
        return new SurgeRequest(request.requireId("zone_id"), request.optionalInstant("time"));
    }
}
