package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.mobility.serve.batch.BatchResource;
import io.mobility.serve.demand.DemandResource;
import io.mobility.serve.model.ModelsResource;
import io.mobility.serve.monitoring.MonitoringPageResource;
import io.mobility.serve.monitoring.MonitoringResource;
import io.mobility.serve.openapi.OpenApiResource;
import io.mobility.serve.surge.SurgeResource;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI document against the real resources, and the monitoring page rendered by headless Chromium. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DocumentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final DropwizardAppExtension<InferenceConfiguration> APP =
            new DropwizardAppExtension<>(InferenceApplication.class, TestConfig.with("lake: " + Lake.copy()));
    /** A lake whose demand snapshot has no MAPE: no zone-hour of the window reached 10 requests (a small city). */
    static final DropwizardAppExtension<InferenceConfiguration> WITHOUT_MAPE = new DropwizardAppExtension<>(
            InferenceApplication.class, TestConfig.with("lake: " + withoutDemandMape(Lake.copy())));

    @Test
    void openApiDescribesEveryResourceAndEveryDescribedOperationExists() {
        Http http = new Http(APP.getLocalPort(), null);
        var reply = http.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");
        for (Class<?> resource : List.of(
                DemandResource.class,
                SurgeResource.class,
                BatchResource.class,
                ModelsResource.class,
                MonitoringResource.class,
                MonitoringPageResource.class,
                OpenApiResource.class)) {
            assertThat(paths.has(resource.getAnnotation(Path.class).value()))
                    .as(resource.getSimpleName())
                    .isTrue();
        }
        List<String> operations = new ArrayList<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> methods = paths.get(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                String concrete = path.replace("{name}", "demand");
                var answer = method.equals("get") ? http.get(concrete) : http.post(concrete, "{}");
                operations.add(method + " " + path);
                // A described operation is routed: a 4xx for the empty body is fine, 404/405 from routing is not.
                assertThat(answer.status())
                        .as(method + " " + path + ": " + answer.body())
                        .isNotIn(405, 500);
                if (answer.status() == 404) {
                    assertThat(answer.json().get("error").asText())
                            .as(method + " " + path)
                            .isNotEqualTo("not_found");
                }
            }
        }
        assertThat(operations).hasSize(9);
    }

    @Test
    void monitoringPageDrawsForecastDriftAndLatencyChartsInHeadlessChromium() throws Exception {
        Http http = new Http(APP.getLocalPort(), null);
        for (int i = 0; i < 20; i++) {
            http.post("/v1/demand/predictions", "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\"}");
        }
        String url = "http://127.0.0.1:" + APP.getLocalPort() + "/monitoring";
        File screenshot = new File("target/monitoring-page.png").getAbsoluteFile();
        Files.deleteIfExists(screenshot.toPath());
        chromium("--screenshot=" + screenshot, "--window-size=900,1500", url);
        String dom = chromium("--dump-dom", url);

        assertThat(dom).contains("data-ready=\"true\"");
        assertThat(dom).contains("demand \u2014 version 20261120T020000Z", "surge \u2014 version 20261120T030000Z");
        assertThat(dom).contains("data-series=\"predicted\"", "data-series=\"actual\"");
        assertThat(dom)
                .contains(
                        "data-feature=\"lag_1h\"", "data-feature=\"lag_24h\"", "data-feature=\"demand_supply_ratio\"");
        assertThat(dom).contains("0.310 major", "DRIFT");
        assertThat(dom).contains("data-endpoint=\"demand-predictions\"");
        assertThat(dom).containsPattern("demand-predictions \\((2[0-9])\\)");
        assertThat(dom).doesNotContain("data-endpoint=\"total\"", "data-endpoint=\"filtering\"");
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot.toPath())).isGreaterThan(10_000);
    }

    @Test
    void aWindowWithoutMapeIsServedAsNullAndThePageSaysWhyInsteadOfNull() throws Exception {
        var reply = new Http(WITHOUT_MAPE.getLocalPort(), null).get("/v1/monitoring");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode metrics = reply.json().at("/models/demand/metrics");
        assertThat(metrics.has("mape")).isTrue();
        assertThat(metrics.get("mape").isNull())
                .as("mape is JSON null: %s", metrics)
                .isTrue();
        assertThat(metrics.get("wape").asDouble()).isEqualTo(0.19);

        String dom = chromium("--dump-dom", "http://127.0.0.1:" + WITHOUT_MAPE.getLocalPort() + "/monitoring");
        assertThat(dom).contains("data-ready=\"true\"");
        assertThat(dom).containsPattern("MAPE n/a \\(no zone-hour with (&gt;|>)= 10 requests\\)");
        assertThat(dom).doesNotContain("MAPE null");
        // The other metrics and the surge model, whose MAPE is present, are drawn as before.
        assertThat(dom).contains("WAPE 0.19", "MAPE 0.06");
    }

    /**
     * The test lake with {@code models.demand.metrics.mape} null in monitoring/latest.json, as the monitor writes it.
     */
    private static java.nio.file.Path withoutDemandMape(java.nio.file.Path lake) {
        try {
            java.nio.file.Path file = lake.resolve("monitoring").resolve("latest.json");
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            ((ObjectNode) root.at("/models/demand/metrics")).putNull("mape");
            JSON.writeValue(file.toFile(), root);
            return lake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's chromium, headless; runs the page's scripts before dumping or capturing. */
    private static String chromium(String... args) throws Exception {
        File profile = Files.createTempDirectory(
                        new File("target").getAbsoluteFile().toPath(), "chromium")
                .toFile();
        List<String> command = new ArrayList<>(List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        File out = new File(profile, "stdout.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(new File(profile, "stderr.txt"))
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("chromium finished within 120 s")
                .isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(new File(profile, "stderr.txt").toPath()))
                .isZero();
        return Files.readString(out.toPath());
    }
}
