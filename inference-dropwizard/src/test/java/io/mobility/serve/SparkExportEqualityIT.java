package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service serves exactly what Spark predicts. {@code spark-export/} is a lake written by batch-spark's
 * {@code io.mobility.batch.fixture.SparkExportFixture}: a GBT demand model trained by Spark MLlib on a simulated city
 * and exported to model.json, its feature snapshot, and {@code expected.json}, Spark's own
 * {@code GBTRegressionModel.predict} for every zone and each of 120 hours on the vector the service builds (snapshot
 * values, calendar features of the requested hour).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SparkExportEqualityIT {

    static final DropwizardAppExtension<InferenceConfiguration> APP = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", copyOfFixture().toString()));

    @Test
    void everyServedDemandPredictionEqualsSparksWithinOneBillionth() throws IOException {
        JsonNode expected =
                new ObjectMapper().readTree(SparkExportEqualityIT.class.getResource("/spark-export/expected.json"));
        double min = expected.get("output_min").asDouble();
        Http http = new Http(APP.getLocalPort(), null);
        int cases = 0;
        double maxDiff = 0;
        for (JsonNode c : expected.get("cases")) {
            String body = "{\"zone_id\": \"" + c.get("zone_id").asText() + "\", \"hour\": \""
                    + c.get("hour").asText() + "\"}";
            Http.Reply reply = http.post("/v1/demand/predictions", body);
            assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(200);
            assertThat(reply.json().at("/model/version").asText())
                    .isEqualTo(expected.get("model_version").asText());
            // the service caps at output.min as the batch scorer does; Spark's raw prediction is capped the same way
            double spark = Math.max(min, c.get("spark_prediction").asDouble());
            double served = reply.json().get("predicted_requests").asDouble();
            maxDiff = Math.max(maxDiff, Math.abs(served - spark));
            assertThat(served).as(body).isCloseTo(spark, org.assertj.core.api.Assertions.within(1e-9));
            cases++;
        }
        assertThat(cases).isGreaterThanOrEqualTo(1000);
        System.out.printf("served vs Spark: max abs difference %.3e over %d predictions%n", maxDiff, cases);
    }

    /**
     * A private copy of the fixture lake without Spark's answers, as the service may write nothing into test resources.
     */
    private static Path copyOfFixture() {
        return Lake.copy("/spark-export", file -> !file.getFileName().toString().equals("expected.json"));
    }
}
