package io.mobility.serve.surge;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/surge/predictions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SurgeResource {

    private final SurgePredictor predictor;

    public SurgeResource(SurgePredictor predictor) {
        this.predictor = predictor;
    }

    @POST
    @Timed(name = "surge-predictions")
    public SurgePrediction predict(JsonNode body) {
        return predictor.predict(SurgeRequest.parse(body, ""), "");
    }
}
