package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No CORS header unless origins are configured; then for those origins only, preflight answered without a token. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsIT {

    static final String TOKEN = "cors-test-token";
    static final String DASHBOARD = "https://dash.example.com";

    static final DropwizardAppExtension<InferenceConfiguration> DEFAULT = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", Lake.copy().toString()));

    static final DropwizardAppExtension<InferenceConfiguration> CONFIGURED = new DropwizardAppExtension<>(
            InferenceApplication.class,
            TestConfig.with("lake: " + Lake.copy() + "\nauthToken: " + TOKEN + "\ncorsAllowedOrigins: [\"" + DASHBOARD
                    + "\"]"));

    @Test
    void byDefaultNoAnswerCarriesACorsHeader() {
        Http http = new Http(DEFAULT.getLocalPort(), null);
        var get =
                http.send(http.request("/v1/models").header("Origin", DASHBOARD).GET());
        assertThat(get.status()).isEqualTo(200);
        assertThat(corsHeaders(get)).isEmpty();
        assertThat(corsHeaders(http.send(preflight(http, DASHBOARD)))).isEmpty();
    }

    @Test
    void aConfiguredOriginIsAllowedAndItsPreflightNeedsNoToken() {
        Http anonymous = new Http(CONFIGURED.getLocalPort(), null);
        var preflight = anonymous.send(preflight(anonymous, DASHBOARD));
        assertThat(preflight.status()).as(preflight.body()).isIn(200, 204);
        var headers = preflight.raw().headers();
        assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(headers.firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("POST");
        assertThat(headers.firstValue("Access-Control-Allow-Headers")
                        .orElseThrow()
                        .toLowerCase())
                .contains("authorization", "content-type");
        assertThat(headers.firstValue("Access-Control-Allow-Credentials")).isEmpty();

        Http http = new Http(CONFIGURED.getLocalPort(), TOKEN);
        var get =
                http.send(http.request("/v1/models").header("Origin", DASHBOARD).GET());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.raw().headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(DASHBOARD);
        // the token is still required for the request itself
        var refused = anonymous.send(
                anonymous.request("/v1/models").header("Origin", DASHBOARD).GET());
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void anotherOriginGetsNoCorsHeader() {
        Http http = new Http(CONFIGURED.getLocalPort(), TOKEN);
        var get = http.send(http.request("/v1/models")
                .header("Origin", "https://evil.example.com")
                .GET());
        assertThat(get.status()).isEqualTo(200);
        assertThat(corsHeaders(get)).isEmpty();
        // a pattern character in the configured origin is literal: dash.example.com, not dashXexample.com
        var lookalike = http.send(http.request("/v1/models")
                .header("Origin", "https://dashXexample.com")
                .GET());
        assertThat(corsHeaders(lookalike)).isEmpty();
        var preflight = http.send(preflight(new Http(CONFIGURED.getLocalPort(), null), "https://evil.example.com"));
        assertThat(corsHeaders(preflight)).isEmpty();
    }

    private static HttpRequest.Builder preflight(Http http, String origin) {
        return http.request("/v1/demand/predictions")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    private static Set<String> corsHeaders(Http.Reply reply) {
        return reply.raw().headers().map().keySet().stream()
                .filter(h -> h.toLowerCase().startsWith("access-control-"))
                .collect(Collectors.toSet());
    }
}
