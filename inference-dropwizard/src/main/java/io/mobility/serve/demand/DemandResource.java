package io.mobility.serve.demand;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/demand/predictions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class DemandResource {

    private final DemandPredictor predictor;

    public DemandResource(DemandPredictor predictor) {
        this.predictor = predictor;
    }

    @POST
    @Timed(name = "demand-predictions")
    public DemandPrediction predict(JsonNode body) {
        return predictor.predict(DemandRequest.parse(body, ""), "");
    }
}
