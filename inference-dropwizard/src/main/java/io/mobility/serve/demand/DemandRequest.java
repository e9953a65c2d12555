package io.mobility.serve.demand;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.serve.error.ApiException;
import io.mobility.serve.request.RequestObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"zone_id": "132", "hour": "2026-11-27T08:00:00Z", "overrides": {"lag_1h": 14}}}: the zone, the hour to
 * forecast (truncated to the hour, UTC) and feature values that replace the snapshot's ({@code null} = missing).
 */
public record DemandRequest(String zoneId, Instant hour, Map<String, Double> overrides) {

    public static final Set<String> FIELDS = Set.of("zone_id", "hour", "overrides");

    public static DemandRequest parse(JsonNode body, String path) {
        RequestObject request = RequestObject.of(body, path, FIELDS);
        String zoneId = request.requireId("zone_id");
        Instant hour = request.requireInstant("hour").truncatedTo(ChronoUnit.HOURS);
        Map<String, Double> overrides = new LinkedHashMap<>();
        if (request.has("overrides")) {
            JsonNode node = request.get("overrides");
            if (!node.isObject()) {
                throw ApiException.invalid(request.name("overrides"), "must be an object of feature name to number");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                if (value.isNull()) {
                    overrides.put(entry.getKey(), Double.NaN);
                } else if (value.isNumber() && Double.isFinite(value.asDouble())) {
                    overrides.put(entry.getKey(), value.asDouble());
                } else {
                    throw ApiException.invalid(
                            request.name("overrides." + entry.getKey()),
                            "must be a finite number or null, got "
                                    + value.getNodeType().name().toLowerCase());
                }
            }
        }
        return new DemandRequest(zoneId, hour, overrides);
    }
}
