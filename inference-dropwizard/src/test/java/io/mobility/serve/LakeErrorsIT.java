package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lake whose every file is broken: the answers say what is wrong with which file, by name within the lake, and
 * never show the server's path to it (Http checks every error answer for it too).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LakeErrorsIT {

    static final Path LAKE = broken(Lake.copy());

    static final DropwizardAppExtension<InferenceConfiguration> APP = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", LAKE.toString()));

    static Http http;

    @BeforeAll
    static void loaded() throws InterruptedException {
        http = new Http(APP.getLocalPort(), null);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline
                && (APP.<InferenceApplication>getApplication()
                                .models()
                                .problem("surge")
                                .isEmpty()
                        || http.get("/v1/monitoring")
                                .json()
                                .get("message")
                                .asText()
                                .contains("not loaded"))) {
            Thread.sleep(20);
        }
    }

    /** demand: metadata.json not JSON; surge: current names a missing version; no feature snapshot; bad monitoring. */
    private static Path broken(Path lake) {
        try {
            Files.writeString(lake.resolve("models/demand/20261120T020000Z/metadata.json"), "{\"name\": ");
            Files.writeString(lake.resolve("models/surge/current"), "20991231T000000Z\n");
            Files.delete(lake.resolve("features/snapshot/latest.json"));
            Files.writeString(lake.resolve("monitoring/latest.json"), "{\"generated_at\": \"yesterday\"}");
            return lake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void modelProblemsNameTheFileWithinTheVersionNotItsPath() {
        JsonNode demand = http.get("/v1/models/demand").json();
        assertThat(demand.get("loaded").asBoolean()).isFalse();
        assertThat(demand.get("problem").asText())
                .isEqualTo("version 20261120T020000Z cannot be loaded: metadata.json is not valid JSON");
        assertThat(http.get("/v1/models/surge").json().get("problem").asText())
                .isEqualTo("its current pointer does not name a published version");
        assertThat(http.get("/v1/models").body()).doesNotContain(LAKE.toString());

        var prediction =
                http.post("/v1/demand/predictions", "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\"}");
        assertThat(prediction.status()).isEqualTo(503);
        assertThat(prediction.json().get("message").asText())
                .isEqualTo("no demand model is loaded: version 20261120T020000Z cannot be loaded: "
                        + "metadata.json is not valid JSON");
        var surge = http.post("/v1/surge/predictions", "{\"zone_id\": \"132\"}");
        assertThat(surge.status()).isEqualTo(503);
        assertThat(surge.json().get("message").asText())
                .contains("current pointer")
                .doesNotContain(LAKE.toString());
    }

    @Test
    void snapshotProblemsNameTheSnapshotNotItsPath() {
        var monitoring = http.get("/v1/monitoring");
        assertThat(monitoring.status()).isEqualTo(503);
        assertThat(monitoring.json().get("message").asText())
                .isEqualTo("no monitoring snapshot: monitoring snapshot: generated_at is not an ISO-8601 instant: "
                        + "\"yesterday\"");
        var batch = http.post("/v1/predictions/batch", """
                {"items": [{"type": "demand", "zone_id": "132", "hour": "2026-11-27T08:00:00Z"}]}""");
        assertThat(batch.body()).doesNotContain(LAKE.toString());
    }

    @Test
    void theHealthChecksWhichProbesReadWithoutATokenShowNoPathEither() {
        var health = new Http(APP.getAdminPort(), null).get("/healthcheck");
        assertThat(health.status()).isEqualTo(500);
        assertThat(health.body())
                .doesNotContain(LAKE.toString())
                .contains("the feature snapshot has not been exported yet", "metadata.json is not valid JSON");
    }
}
