package io.mobility.serve;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.mobility.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Promotes new demand versions the way the exporter does (version directory renamed into place, then {@code current}
 * replaced by rename) while clients keep asking: no request may fail, and every answer must be exactly the
 * prediction of the version it names, never a mix of two.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HotReloadIT {

    static final Path LAKE = Lake.copy();
    static final DropwizardAppExtension<InferenceConfiguration> APP = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", LAKE.toString()));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIRST = "20261120T020000Z";
    private static final String BODY = "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\"}";

    @Test
    void newVersionsAreServedWithoutRestartAndWithoutAFailedRequest() throws Exception {
        Map<String, Double> expected = new ConcurrentHashMap<>(Map.of(FIRST, 15.0));
        Http http = new Http(APP.getLocalPort(), null);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            futures.add(clients.submit(() -> {
                while (running.get()) {
                    var reply = http.post("/v1/demand/predictions", BODY);
                    requests.incrementAndGet();
                    if (reply.status() != 200) {
                        failures.add(reply.status() + " " + reply.body());
                        continue;
                    }
                    JsonNode json = reply.json();
                    String version = json.at("/model/version").asText();
                    versionsSeen.add(version);
                    Double want = expected.get(version);
                    double got = json.get("predicted_requests").asDouble();
                    if (want == null || want != got) {
                        failures.add("version " + version + " answered " + got + ", expected " + want);
                    }
                }
            }));
        }
        String last = FIRST;
        for (int k = 2; k <= 6; k++) {
            Thread.sleep(400);
            last = "20261121T0" + k + "0000Z";
            expected.put(last, 15.0 * k);
            promote(last, k);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!versionsSeen.contains(last) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        running.set(false);
        for (Future<?> future : futures) {
            future.get();
        }
        clients.shutdown();

        assertThat(failures).isEmpty();
        assertThat(requests.get()).isGreaterThan(100);
        assertThat(versionsSeen).contains(FIRST, last).hasSizeGreaterThanOrEqualTo(3);
        var models = http.get("/v1/models/demand").json();
        assertThat(models.get("version").asText()).isEqualTo(last);
    }

    @Test
    void aBrokenPromotedVersionLeavesThePreviousOneServingAndIsReported() throws Exception {
        Http http = new Http(APP.getLocalPort(), null);
        Path models = LAKE.resolve("models/surge");
        Path broken = models.resolve("20261122T000000Z");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.json"), "{\"format\": \"mobility-tree-ensemble/1\"");
        Files.copy(models.resolve("20261120T030000Z/metadata.json"), broken.resolve("metadata.json"));
        replaceCurrent(models, "20261122T000000Z");
        JsonNode surge = Poll.until(
                "the broken version reported",
                Duration.ofSeconds(10),
                () -> http.get("/v1/models/surge").json(),
                s -> s.has("problem"));
        assertThat(surge.get("version").asText()).isEqualTo("20261120T030000Z");
        assertThat(surge.get("problem").asText()).contains("20261122T000000Z");
        var health = new Http(APP.getAdminPort(), null).get("/healthcheck").json();
        assertThat(health.at("/model-surge/healthy").asBoolean()).isFalse();
        assertThat(health.at("/model-surge/message").asText()).contains("serves version 20261120T030000Z");
        replaceCurrent(models, "20261120T030000Z");
    }

    /** Writes version {@code k} (every leaf of the first version times k) as the exporter would, then promotes it. */
    private static void promote(String version, int k) throws Exception {
        Path models = LAKE.resolve("models/demand");
        Path staging = models.resolve("." + version + ".tmp");
        Files.createDirectories(staging);
        ObjectNode model = (ObjectNode)
                MAPPER.readTree(models.resolve(FIRST + "/model.json").toFile());
        for (JsonNode tree : model.get("trees")) {
            for (JsonNode node : tree.get("nodes")) {
                if (node.has("leaf")) {
                    ((ObjectNode) node).put("leaf", node.get("leaf").asDouble() * k);
                }
            }
        }
        MAPPER.writeValue(staging.resolve("model.json").toFile(), model);
        ObjectNode metadata = (ObjectNode)
                MAPPER.readTree(models.resolve(FIRST + "/metadata.json").toFile());
        metadata.put("version", version);
        MAPPER.writeValue(staging.resolve("metadata.json").toFile(), metadata);
        Files.move(staging, models.resolve(version), ATOMIC_MOVE);
        replaceCurrent(models, version);
    }

    private static void replaceCurrent(Path models, String version) throws Exception {
        Path tmp = models.resolve("current.tmp");
        Files.writeString(tmp, version + "\n");
        Files.move(tmp, models.resolve("current"), ATOMIC_MOVE);
    }
}
