package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.mobility.platform.LocalPlatform;
import io.mobility.testkit.Poll;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service on a real HTTP server, with live zone state read from a real in-process broker. Expected predictions
 * are worked out by hand from the fixture trees (see TreeEnsembleTest for the walk through each tree).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PredictionApiIT {

    static final String TOKEN = "s3cret-token";
    static final LocalPlatform PLATFORM = SharedPlatform.get();
    static final Path LAKE = Lake.copy();

    static final DropwizardAppExtension<InferenceConfiguration> APP = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", LAKE.toString()),
            ConfigOverride.config("authToken", TOKEN),
            ConfigOverride.config("zoneState.bootstrapServers", PLATFORM.bootstrapServers()),
            ConfigOverride.config("zoneState.schemaRegistryUrl", PLATFORM.registryUrl()),
            ConfigOverride.config("zoneState.maxAge", "2m"));

    static Http http;

    @BeforeAll
    static void liveZoneState() throws InterruptedException {
        http = new Http(APP.getLocalPort(), TOKEN);
        Instant now = Instant.now();
        ZoneStates.publish(
                PLATFORM,
                ZoneStates.state("132", 12, 2, 40, now.minusSeconds(600), now.minusSeconds(600)),
                ZoneStates.state("132", 30, 9, 10, now.minusSeconds(5), now.minusSeconds(5)),
                ZoneStates.state("48", 6, 1, 4, now.minusSeconds(5), now.minusSeconds(5)),
                ZoneStates.state("161", 8, 8, 0, now.minusSeconds(3600), now.minusSeconds(3600)));
        var states = APP.<InferenceApplication>getApplication().liveZoneStates();
        Poll.until(
                "the live zone states of 48, 161 and 132",
                Duration.ofSeconds(30),
                () -> states.latest("48", 5).isPresent()
                        && states.latest("161", 5).isPresent()
                        && states.latest("132", 5)
                                .map(s -> s.getRideRequests() == 30)
                                .orElse(false));
    }

    @Nested
    class Demand {
        @Test
        void predictsFromTheSnapshotWithCalendarFeaturesOfTheRequestedHour() {
            var reply = http.post("/v1/demand/predictions", """
                    {"zone_id": "132", "hour": "2026-11-27T08:00:00Z"}""");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.get("predicted_requests").asDouble()).isEqualTo(15.0);
            assertThat(json.get("zone_name").asText()).isEqualTo("JFK Airport");
            assertThat(json.at("/model/name").asText()).isEqualTo("demand");
            assertThat(json.at("/model/version").asText()).isEqualTo("20261120T020000Z");
            assertThat(json.at("/features/hour_of_day").asDouble()).isEqualTo(8.0);
            assertThat(json.at("/features/day_of_week").asDouble()).isEqualTo(5.0);
            assertThat(json.at("/features/lag_1h").asDouble()).isEqualTo(8.0);
            assertThat(json.get("snapshot_as_of_hour").asText()).isEqualTo("2026-11-27T01:00:00Z");
        }

        @Test
        void missingSnapshotValuesGoRightAndTheHourIsTruncated() {
            var json = http.post("/v1/demand/predictions", """
                    {"zone_id": 48, "hour": "2026-11-27T08:45:10Z"}""").json();
            assertThat(json.get("predicted_requests").asDouble()).isEqualTo(33.0);
            assertThat(json.get("hour").asText()).isEqualTo("2026-11-27T08:00:00Z");
            assertThat(json.at("/features/lag_24h").isNull()).isTrue();
        }

        @Test
        void explicitOverridesReplaceSnapshotValues() {
            var json = http.post("/v1/demand/predictions", """
                    {"zone_id": "48", "hour": "2026-11-27T08:00:00Z", \
                    "overrides": {"lag_1h": 3, "lag_24h": 20}}""").json();
            // tree 0: lag_1h 3 -> hour 8 -> 12; tree 1: Friday -> lag_24h 20 <= 20 -> -2 * 0.5
            assertThat(json.get("predicted_requests").asDouble()).isEqualTo(11.0);
            assertThat(json.get("overridden")).extracting(JsonNode::asText).containsExactly("lag_1h", "lag_24h");
        }
    }

    @Nested
    class Surge {
        @Test
        void multiplierIsCappedAndExplainedByLiveDemandAndSupply() {
            var reply = http.post("/v1/surge/predictions", """
                    {"zone_id": "132", "time": "2026-11-27T08:10:00Z"}""");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.get("multiplier").asDouble()).isEqualTo(2.5);
            assertThat(json.at("/explanation/raw_prediction").asDouble())
                    .isEqualTo(2.8, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(json.at("/explanation/demand").asInt()).isEqualTo(30);
            assertThat(json.at("/explanation/supply").asInt()).isEqualTo(10);
            assertThat(json.at("/explanation/ratio").asDouble()).isEqualTo(3.0);
            assertThat(json.at("/freshness/age_seconds").asDouble()).isBetween(0.0, 120.0);
            assertThat(json.at("/freshness/consumer_lag").asLong()).isZero();
            assertThat(json.at("/freshness/stale").asBoolean()).isFalse();
            assertThat(json.at("/model/version").asText()).isEqualTo("20261120T030000Z");
        }

        @Test
        void withoutTimeTheCurrentTimeIsUsed() {
            var json =
                    http.post("/v1/surge/predictions", "{\"zone_id\": \"48\"}").json();
            // ratio 6 / 4 = 1.5: tree A 1.5; tree B 1.0 at night (hour <= 6) or 1.2 by day
            double expected = Instant.parse(json.get("time").asText())
                                    .atZone(java.time.ZoneOffset.UTC)
                                    .getHour()
                            <= 6
                    ? 1.25
                    : 1.35;
            assertThat(json.get("multiplier").asDouble())
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        }

        @Test
        void oldLiveStateIsMarkedStaleAndNoDriversMeansRatioOverOneDriver() {
            JsonNode json = http.post(
                            "/v1/surge/predictions", "{\"zone_id\": \"161\", \"time\": \"2026-11-27T08:10:00Z\"}")
                    .json();
            assertThat(json.at("/freshness/stale").asBoolean()).isTrue();
            assertThat(json.at("/freshness/age_seconds").asDouble()).isGreaterThanOrEqualTo(3600.0);
            assertThat(json.at("/explanation/supply").asInt()).isZero();
            assertThat(json.at("/explanation/ratio").asDouble()).isEqualTo(8.0);
            assertThat(json.get("multiplier").asDouble()).isEqualTo(2.5);
        }

        @Test
        void aSnapshotZoneWithoutLiveStateIsA404NamingTheZone() {
            var reply = http.post("/v1/surge/predictions", "{\"zone_id\": \"7\"}");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error").asText()).isEqualTo("no_live_state");
            assertThat(reply.json().get("field").asText()).isEqualTo("zone_id");
        }

        @Test
        void aZoneNeitherInTheSnapshotNorLiveIsUnknown() {
            var reply = http.post("/v1/surge/predictions", "{\"zone_id\": \"99\"}");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("unknown_zone");
            assertThat(reply.json().get("field").asText()).isEqualTo("zone_id");
        }
    }

    @Nested
    class Batch {
        @Test
        void mixesDemandAndSurgeItemsAndReportsEachFailureByIndex() {
            var reply = http.post("/v1/predictions/batch", """
                    {"items": [
                      {"type": "demand", "zone_id": "132", "hour": "2026-11-27T08:00:00Z"},
                      {"type": "surge", "zone_id": "132", "time": "2026-11-27T08:10:00Z"},
                      {"type": "demand", "zone_id": "48", "hour": "2026-11-27T08:00:00Z"},
                      {"type": "demand", "zone_id": "nowhere", "hour": "2026-11-27T08:00:00Z"},
                      {"type": "weather", "zone_id": "132"}
                    ]}""");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.get("succeeded").asInt()).isEqualTo(3);
            assertThat(json.get("failed").asInt()).isEqualTo(2);
            assertThat(json.at("/results/0/prediction/predicted_requests").asDouble())
                    .isEqualTo(15.0);
            assertThat(json.at("/results/1/prediction/multiplier").asDouble()).isEqualTo(2.5);
            assertThat(json.at("/results/2/prediction/predicted_requests").asDouble())
                    .isEqualTo(33.0);
            assertThat(json.at("/results/3/error/field").asText()).isEqualTo("items[3].zone_id");
            assertThat(json.at("/results/3/error/error").asText()).isEqualTo("unknown_zone");
            assertThat(json.at("/results/4/error/field").asText()).isEqualTo("items[4].type");
        }

        @Test
        void moreItemsThanTheCapIsRefusedAs413() {
            String item = "{\"type\": \"surge\", \"zone_id\": \"132\"}";
            var reply = http.post(
                    "/v1/predictions/batch",
                    "{\"items\": [" + String.join(",", java.util.Collections.nCopies(6, item)) + "]}");
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.json().get("field").asText()).isEqualTo("items");
            assertThat(reply.json().get("message").asText()).contains("6 items", "limit of 5");
        }
    }

    @Nested
    class Models {
        @Test
        void listsTheLoadedVersionsWithTheirMetadata() {
            var reply = http.get("/v1/models");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode models = reply.json().get("models");
            assertThat(models).hasSize(2);
            assertThat(models.get(0).get("name").asText()).isEqualTo("demand");
            assertThat(models.get(0).get("version").asText()).isEqualTo("20261120T020000Z");
            assertThat(models.get(0).get("trees").asInt()).isEqualTo(2);
            assertThat(models.get(1).get("algorithm").asText()).isEqualTo("random_forest_regressor");
        }

        @Test
        void oneModelByNameAndAnUnknownNameIs404() {
            var one = http.get("/v1/models/surge").json();
            assertThat(one.at("/metadata/output/max").asDouble()).isEqualTo(2.5);
            assertThat(one.at("/metadata/metrics/holdout/wape").asDouble()).isEqualTo(0.07);
            var unknown = http.get("/v1/models/weather");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("field").asText()).isEqualTo("name");
        }
    }

    @Test
    void monitoringServesLatestAccuracyAndDriftPerModel() {
        var json = http.get("/v1/monitoring").json();
        assertThat(json.get("generated_at").asText()).isEqualTo("2026-11-27T02:30:00Z");
        assertThat(json.at("/models/demand/metrics/wape").asDouble()).isEqualTo(0.19);
        assertThat(json.at("/models/demand/drift/flag").asBoolean()).isTrue();
        assertThat(json.at("/models/demand/drift/features/lag_1h/band").asText())
                .isEqualTo("major");
    }

    @Nested
    class BadInput {
        @Test
        void unknownZone() {
            assertError(
                    http.post("/v1/demand/predictions", "{\"zone_id\": \"9999\", \"hour\": \"2026-11-27T08:00:00Z\"}"),
                    400,
                    "unknown_zone",
                    "zone_id");
        }

        @Test
        void missingHour() {
            assertError(http.post("/v1/demand/predictions", "{\"zone_id\": \"132\"}"), 400, "missing_field", "hour");
        }

        @Test
        void hourThatIsNotAnInstant() {
            var reply = http.post("/v1/demand/predictions", "{\"zone_id\": \"132\", \"hour\": \"8am\"}");
            assertError(reply, 400, "invalid_field", "hour");
            assertThat(reply.json().get("message").asText()).contains("ISO-8601", "8am");
        }

        @Test
        void malformedJson() {
            var reply = http.post("/v1/demand/predictions", "{\"zone_id\": \"132\", \"hour\": ");
            assertError(reply, 400, "malformed_json", "body");
            assertThat(reply.json().get("message").asText()).contains("line 1");
        }

        @Test
        void emptyBodyAndNonObjectBodies() {
            assertError(http.post("/v1/demand/predictions", ""), 400, "missing_field", "body");
            assertError(http.post("/v1/demand/predictions", "[1, 2]"), 400, "invalid_field", "body");
        }

        @Test
        void unknownFieldsAndOverrides() {
            assertError(
                    http.post("/v1/demand/predictions", "{\"zone\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\"}"),
                    400,
                    "invalid_field",
                    "zone");
            assertError(
                    http.post(
                            "/v1/demand/predictions",
                            "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\", "
                                    + "\"overrides\": {\"rain_mm\": 3}}"),
                    400,
                    "invalid_field",
                    "overrides.rain_mm");
            assertError(
                    http.post(
                            "/v1/demand/predictions",
                            "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\", "
                                    + "\"overrides\": {\"lag_1h\": \"many\"}}"),
                    400,
                    "invalid_field",
                    "overrides.lag_1h");
        }

        @Test
        void bodyTooLargeByContentLengthAndWhileStreaming() {
            String big =
                    "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\", \"pad\": \"" + "x".repeat(5000) + "\"}";
            assertError(http.post("/v1/demand/predictions", big), 413, "body_too_large", "body");
            byte[] bytes = big.getBytes();
            // No Content-Length: the body arrives chunked and is cut off while reading.
            var chunked = http.send(http.request("/v1/demand/predictions")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
            assertError(chunked, 413, "body_too_large", "body");
        }

        @Test
        void wrongMediaTypeUnknownPathAndMethodAnswerInJson() {
            assertThat(http.post("/v1/demand/predictions", "zone=132".getBytes(), "text/plain")
                            .json()
                            .get("status")
                            .asInt())
                    .isEqualTo(415);
            assertThat(http.get("/v1/nothing-here").json().get("status").asInt())
                    .isEqualTo(404);
            assertThat(http.get("/v1/demand/predictions").json().get("status").asInt())
                    .isEqualTo(405);
        }

        private void assertError(Http.Reply reply, int status, String error, String field) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(status);
            JsonNode json = reply.json();
            assertThat(json.get("error").asText()).isEqualTo(error);
            assertThat(json.get("field").asText()).isEqualTo(field);
            assertThat(json.get("message").asText()).isNotBlank();
        }
    }

    @Nested
    class Authentication {
        @Test
        void everyResourceNeedsTheBearerToken() {
            var anonymous = new Http(APP.getLocalPort(), null);
            var missing = anonymous.post(
                    "/v1/demand/predictions", "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\"}");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.json().get("error").asText()).isEqualTo("missing_token");
            assertThat(missing.raw().headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            var wrong = new Http(APP.getLocalPort(), "guess").post("/v1/predictions/batch", "{\"items\": []}");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_token");
            // models and monitoring too (AuthenticationIT goes through every resource)
            assertThat(anonymous.get("/v1/models").status()).isEqualTo(401);
            assertThat(anonymous.get("/v1/monitoring").status()).isEqualTo(401);
        }
    }

    @Nested
    class Admin {
        private final Http admin = new Http(APP.getAdminPort(), TOKEN);

        @Test
        void healthChecksCoverModelsZoneStateAndSnapshot() {
            JsonNode health = admin.get("/healthcheck").json();
            assertThat(health.at("/model-demand/healthy").asBoolean()).isTrue();
            assertThat(health.at("/model-surge/healthy").asBoolean()).isTrue();
            assertThat(health.at("/feature-snapshot/healthy").asBoolean())
                    .as(health.toString())
                    .isTrue();
            assertThat(health.at("/zone-state/healthy").asBoolean())
                    .as(health.toString())
                    .isTrue();
            assertThat(health.at("/zone-state/message").asText()).contains("records behind");
        }

        @Test
        void timersPerEndpointInDropwizardMetricsAndPrometheus() {
            http.post("/v1/demand/predictions", "{\"zone_id\": \"132\", \"hour\": \"2026-11-27T08:00:00Z\"}");
            JsonNode timers = admin.get("/metrics").json().get("timers");
            assertThat(timers.get("io.mobility.serve.demand.DemandResource.demand-predictions")
                            .get("count")
                            .asLong())
                    .isPositive();
            assertThat(timers.has("io.mobility.serve.surge.SurgeResource.surge-predictions"))
                    .isTrue();
            var prometheus = admin.get("/prometheus");
            assertThat(prometheus.status()).isEqualTo(200);
            assertThat(prometheus.body()).contains("io_mobility_serve_demand_DemandResource_demand_predictions");
        }
    }
}
