package io.mobility.platform.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The few calls of the Kafka Connect REST API that tests and the demo make, as a user would with curl: create or
 * update a connector ({@code PUT /connectors/NAME/config}), read its status, wait until it and its tasks run.
 */
public final class ConnectRestClient {

    /** One answer of the REST API: its status and body, parsed as JSON when it is JSON. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "Kafka Connect answered HTTP " + status + " with a body that is " + "not JSON: " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Any call; {@code body} (a String, or anything Jackson writes) may be null. */
    public Response send(String method, String path, Object body) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(
                            method,
                            text == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(text))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka Connect at " + baseUrl + " did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling Kafka Connect " + method + " " + path, e);
        }
    }

    /** Creates the connector, or updates its configuration if it exists: idempotent, safe to repeat. */
    public Response putConnector(String name, Map<String, String> config) {
        Response response = send("PUT", "/connectors/" + name + "/config", config);
        if (!response.ok()) {
            throw new IllegalStateException("Kafka Connect refused connector '" + name + "': HTTP " + response.status()
                    + " " + response.body());
        }
        return response;
    }

    /** {@code GET /connectors/NAME/status}. */
    public Response status(String name) {
        return send("GET", "/connectors/" + name + "/status", null);
    }

    /**
     * Waits until the connector and at least one task report RUNNING; fails at once with the task's trace when one
     * has FAILED, or after {@code timeout} with the last status seen.
     */
    public void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status yet";
        while (System.nanoTime() < deadline) {
            Response response = status(name);
            if (response.ok()) {
                JsonNode status = response.json();
                last = status.toString();
                for (JsonNode task : status.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new IllegalStateException("Connector '" + name + "' task "
                                + task.path("id").asInt() + " FAILED: "
                                + task.path("trace").asText());
                    }
                }
                boolean connectorRunning =
                        "RUNNING".equals(status.path("connector").path("state").asText());
                boolean taskRunning = status.path("tasks").size() > 0;
                for (JsonNode task : status.path("tasks")) {
                    taskRunning &= "RUNNING".equals(task.path("state").asText());
                }
                if (connectorRunning && taskRunning) {
                    return;
                }
            } else {
                last = "HTTP " + response.status() + " " + response.body();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for connector " + name, e);
            }
        }
        throw new IllegalStateException(
                "Connector '" + name + "' was not RUNNING after " + timeout.toSeconds() + " s; last status: " + last);
    }
}
