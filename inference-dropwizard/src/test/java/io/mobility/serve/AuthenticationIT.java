package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.Path;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With a token set, every resource on both ports requires it but the allow-lists. The resources are read from
 * Jersey's model of the running application, so a resource added later is covered without touching this test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthenticationIT {

    static final String TOKEN = "7f3c-a-long-random-token";

    static final DropwizardAppExtension<InferenceConfiguration> APP = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", Lake.copy().toString()),
            ConfigOverride.config("authToken", TOKEN));

    static final DropwizardAppExtension<InferenceConfiguration> OWN_ALLOW_LISTS = new DropwizardAppExtension<>(
            InferenceApplication.class,
            TestConfig.with("lake: " + Lake.copy() + "\nauthToken: " + TOKEN
                    + "\nauthAllowList: [\"GET /v1/models\"]\nadminAuthAllowList: []"));

    /** One method of one resource: its HTTP method and a path with every template filled. */
    record Endpoint(String method, String path) {
        HttpRequest.Builder request(Http http) {
            HttpRequest.BodyPublisher body = method.equals("POST") || method.equals("PUT")
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody();
            return http.request(path).header("Content-Type", "application/json").method(method, body);
        }
    }

    @Test
    void everyResourceAnswers401WithoutTheTokenOrWithAWrongOneAndServesWithIt() {
        List<Endpoint> endpoints = endpoints(APP.getEnvironment().jersey().getResourceConfig());
        assertThat(endpoints)
                .as("Jersey's resource model, read back")
                .contains(
                        new Endpoint("POST", "/v1/demand/predictions"),
                        new Endpoint("POST", "/v1/surge/predictions"),
                        new Endpoint("POST", "/v1/predictions/batch"),
                        new Endpoint("GET", "/v1/models"),
                        new Endpoint("GET", "/v1/models/x"),
                        new Endpoint("GET", "/v1/monitoring"),
                        new Endpoint("GET", "/v1/monitoring/latency"),
                        new Endpoint("GET", "/monitoring"),
                        new Endpoint("GET", "/openapi.json"));
        Http anonymous = new Http(APP.getLocalPort(), null);
        Http wrong = new Http(APP.getLocalPort(), TOKEN + "x");
        Http right = new Http(APP.getLocalPort(), TOKEN);
        for (Endpoint endpoint : endpoints) {
            if (endpoint.equals(new Endpoint("GET", "/openapi.json"))) {
                continue; // allow-listed: below
            }
            var missing = anonymous.send(endpoint.request(anonymous));
            assertThat(missing.status())
                    .as("%s without a token: %s", endpoint, missing.body())
                    .isEqualTo(401);
            assertThat(missing.json().get("error").asText()).isEqualTo("missing_token");
            assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mobility\"");
            var refused = wrong.send(endpoint.request(wrong));
            assertThat(refused.status()).as("%s with a wrong token", endpoint).isEqualTo(401);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_token");
            var served = right.send(endpoint.request(right));
            assertThat(served.status())
                    .as("%s with the token: %s", endpoint, served.body())
                    .isNotEqualTo(401);
        }
        // A path no resource serves reveals nothing without the token.
        assertThat(anonymous.get("/v1/nothing-here").status()).isEqualTo(401);
        assertThat(right.get("/v1/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void theDefaultAllowListAnswersWithoutAToken() {
        Http anonymous = new Http(APP.getLocalPort(), null);
        var openapi = anonymous.get("/openapi.json");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("openapi").asText()).startsWith("3.");
        // GET /health is allowed before it exists: no resource serves it yet, so Jersey's 404, not 401
        assertThat(anonymous.get("/health").status()).isEqualTo(404);
        // only the method listed
        assertThat(anonymous.post("/openapi.json", "{}").status()).isEqualTo(401);
    }

    @Test
    void theAdminPortNeedsTheTokenButForProbes() {
        Http anonymous = new Http(APP.getAdminPort(), null);
        Http right = new Http(APP.getAdminPort(), TOKEN);
        for (String path : List.of("/metrics", "/prometheus", "/threads", "/")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
            assertThat(right.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(anonymous.post("/tasks/gc", "").status()).isEqualTo(401);
        assertThat(new Http(APP.getAdminPort(), "guess").post("/tasks/gc", "").status())
                .isEqualTo(401);
        assertThat(anonymous.get("/ping").status()).isEqualTo(200);
        assertThat(anonymous.get("/healthcheck").status()).isIn(200, 500);
        assertThat(anonymous.get("/healthcheck").json().has("model-demand")).isTrue();
    }

    @Test
    void theAllowListsAreConfigurable() {
        Http anonymous = new Http(OWN_ALLOW_LISTS.getLocalPort(), null);
        assertThat(anonymous.get("/v1/models").status()).isEqualTo(200);
        assertThat(anonymous.get("/v1/models/demand").status()).isEqualTo(401);
        assertThat(anonymous.get("/openapi.json").status()).isEqualTo(401);
        Http admin = new Http(OWN_ALLOW_LISTS.getAdminPort(), null);
        assertThat(admin.get("/ping").status()).isEqualTo(401);
        assertThat(admin.get("/healthcheck").status()).isEqualTo(401);
    }

    /** Every resource method of every root resource the application registered, sub-resources included. */
    static List<Endpoint> endpoints(ResourceConfig config) {
        List<Endpoint> endpoints = new ArrayList<>();
        Stream.concat(
                        config.getClasses().stream(),
                        config.getInstances().stream().map(Object::getClass))
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .forEach(type -> collect(Resource.from(type), "", endpoints));
        config.getResources().forEach(resource -> collect(resource, "", endpoints));
        return endpoints;
    }

    private static void collect(Resource resource, String parent, List<Endpoint> endpoints) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            endpoints.add(new Endpoint(method.getHttpMethod(), path));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, endpoints);
        }
    }

    /** Templates ({name}, {name: regex}) filled with "x". */
    private static String join(String parent, String path) {
        String segment = path == null ? "" : path.replaceAll("\\{[^}]*}", "x");
        String joined = (parent + "/" + segment).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
