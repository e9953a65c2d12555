package io.mobility.serve.batch;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.serve.demand.DemandPredictor;
import io.mobility.serve.demand.DemandRequest;
import io.mobility.serve.error.ApiError;
import io.mobility.serve.error.ApiException;
import io.mobility.serve.request.RequestObject;
import io.mobility.serve.surge.SurgePredictor;
import io.mobility.serve.surge.SurgeRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"items": [{"type": "demand", "zone_id": "132", "hour": "..."}, {"type": "surge", "zone_id": "48"}]}}.
 * Each item succeeds or fails on its own (its error names {@code items[i].field}); only a malformed envelope or more
 * items than the cap fails the whole call.
 */
@Path("/v1/predictions/batch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class BatchResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, String type, Object prediction, ApiError error) {}

    public record BatchResponse(int succeeded, int failed, List<ItemResult> results) {}

    private final DemandPredictor demand;
    private final SurgePredictor surge;
    private final int maxItems;

    public BatchResource(DemandPredictor demand, SurgePredictor surge, int maxItems) {
        this.demand = demand;
        this.surge = surge;
        this.maxItems = maxItems;
    }

    @POST
    @Timed(name = "batch-predictions")
    public BatchResponse predict(JsonNode body) {
        RequestObject request = RequestObject.of(body, "", Set.of("items"));
        JsonNode items = request.get("items");
        if (items == null || items.isNull()) {
            throw ApiException.missing("items");
        }
        if (!items.isArray()) {
            throw ApiException.invalid("items", "must be an array of prediction requests");
        }
        if (items.size() > maxItems) {
            throw new ApiException(
                    413,
                    "batch_too_large",
                    "items",
                    "items: " + items.size() + " items is more than the limit of " + maxItems + " per call");
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        int failed = 0;
        for (int i = 0; i < items.size(); i++) {
            ItemResult result = predictItem(items.get(i), i);
            failed += result.error() == null ? 0 : 1;
            results.add(result);
        }
        return new BatchResponse(results.size() - failed, failed, results);
    }

    private ItemResult predictItem(JsonNode item, int index) {
        String path = "items[" + index + "]";
        String type = null;
        try {
            type = typeOf(item, path);
            Set<String> fields = new HashSet<>(type.equals("demand") ? DemandRequest.FIELDS : SurgeRequest.FIELDS);
            fields.add("type");
            RequestObject.of(item, path, fields);
            Object prediction = type.equals("demand")
                    ? demand.predict(DemandRequest.parse(without(item, "type"), path), path)
                    : surge.predict(SurgeRequest.parse(without(item, "type"), path), path);
            return new ItemResult(index, type, prediction, null);
        } catch (ApiException e) {
            return new ItemResult(index, type, null, e.error());
        }
    }

    private static String typeOf(JsonNode item, String path) {
        RequestObject object = RequestObject.of(item, path, Set.of("type", "zone_id", "hour", "overrides", "time"));
        String type = object.requireText("type");
        if (!type.equals("demand") && !type.equals("surge")) {
            throw ApiException.invalid(object.name("type"), "must be 'demand' or 'surge', got '" + type + "'");
        }
        return type;
    }

    private static JsonNode without(JsonNode item, String field) {
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.remove(field);
        return copy;
    }
}
