package io.mobility.serve.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3.1 description of this API, written by hand beside the resources and checked against them by tests. */
@Path("/openapi.json")
public final class OpenApiResource {

    private final String document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi.json")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        return document;
    }
}
