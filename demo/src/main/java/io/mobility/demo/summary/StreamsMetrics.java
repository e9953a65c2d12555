package io.mobility.demo.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/** Counters of the running streams app, from its {@code /metrics} endpoint (since it last started). */
public final class StreamsMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamsMetrics() {
    }

    /** Sum of the app's {@code duplicate-dropped-total} counters, or empty if the app does not answer. */
    public static OptionalLong duplicatesDropped(int httpPort) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long total = 0;
            for (JsonNode metric : JSON.readTree(response.body())) {
                if (metric.path("group").asText().equals("stream-mobility-metrics")
                        && metric.path("name").asText().equals("duplicate-dropped-total")) {
                    total += metric.path("value").asLong();
                }
            }
            return OptionalLong.of(total);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
