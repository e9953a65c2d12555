package io.mobility.serve.monitoring;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The monitoring page: one static HTML file with inline SVG charts, drawn from the JSON endpoints. */
@Path("/monitoring")
public final class MonitoringPageResource {

    private final String page;

    public MonitoringPageResource() {
        try (InputStream in = MonitoringPageResource.class.getResourceAsStream("/monitoring/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String page() {
        return page;
    }
}
