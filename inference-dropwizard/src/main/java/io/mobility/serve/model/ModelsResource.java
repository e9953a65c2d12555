package io.mobility.serve.model;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.mobility.serve.error.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Which versions are serving, with everything their {@code metadata.json} says. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public final class ModelsResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelView(
            String name,
            boolean loaded,
            String version,
            Instant trainedAt,
            Instant loadedAt,
            String algorithm,
            Integer trees,
            List<String> features,
            JsonNode metadata,
            String problem) {}

    private final ServedModels registry;

    public ModelsResource(ServedModels registry) {
        this.registry = registry;
    }

    @GET
    @Timed(name = "models")
    public Map<String, List<ModelView>> all() {
        return Map.of("models", registry.names().stream().map(this::view).toList());
    }

    @GET
    @Path("/{name}")
    @Timed(name = "model")
    public ModelView one(@PathParam("name") String name) {
        if (!registry.names().contains(name)) {
            throw new ApiException(
                    404,
                    "unknown_model",
                    "name",
                    "name: no model called '" + name + "'; models are " + registry.names());
        }
        return view(name);
    }

    private ModelView view(String name) {
        String problem = registry.problem(name).orElse(null);
        return registry.current(name)
                .map(m -> new ModelView(
                        name,
                        true,
                        m.version(),
                        m.metadata().trainedAt(),
                        m.loadedAt(),
                        m.ensemble().algorithm(),
                        m.ensemble().numTrees(),
                        m.metadata().features(),
                        m.metadata().raw(),
                        problem))
                .orElseGet(() -> new ModelView(name, false, null, null, null, null, null, null, null, problem));
    }
}
