package io.mobility.demo.summary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Calls the inference API as a user would: demand and surge predictions for a zone. */
public final class ApiProbe {

    /** An answer: HTTP status and body. */
    public record Answer(int status, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " " + body.replaceAll("\\s+", " ");
        }
    }

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer demand(String zoneId) {
        String nextHour = Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(1, ChronoUnit.HOURS)
                .toString();
        return post("/v1/demand/predictions", "{\"zone_id\": \"" + zoneId + "\", \"hour\": \"" + nextHour + "\"}");
    }

    public Answer surge(String zoneId) {
        return post(
                "/v1/surge/predictions",
                "{\"zone_id\": \"" + zoneId + "\", \"time\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + "\"}");
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
