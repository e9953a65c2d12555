package io.mobility.demo.summary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/** Counters of the running streams app, from its {@code /metrics} endpoint (since it last started). */
public final class StreamsMetrics {

    /** The app's duplicate counters in the Prometheus text format, one sample per entity and stream thread. */
    private static final String DUPLICATES = "mobility_duplicate_dropped_total{";

    private StreamsMetrics() {}

    /** Sum of the app's {@code mobility_duplicate_dropped_total} samples, or empty if the app does not answer. */
    public static OptionalLong duplicatesDropped(int httpPort) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            double total = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith(DUPLICATES)) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return OptionalLong.of((long) total);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
