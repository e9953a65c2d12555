package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.mobility.serve.auth.ConnectorExposure;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** A connector beyond loopback without a token: the service does not start, and says which and what to set. */
class BindingIT {

    @Test
    void everyInterfaceWithoutATokenIsRefusedAtStartNamingTheConnectorAndTheSettings() {
        var app = support(ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"));
        try {
            assertThatThrownBy(app::before)
                    .satisfies(e -> assertThat(validation(e).getMessage())
                            .contains(
                                    "the application connector binds 0.0.0.0:0 (every interface),"
                                            + " reachable from other hosts, and no"
                                            + " API token is set",
                                    "set authToken (MOBILITY_API_TOKEN in config.yml)",
                                    "bind the connector to 127.0.0.1 "
                                            + "(server.applicationConnectors[0].bindHost; MOBILITY_SERVE_HOST"));
        } finally {
            app.after();
        }
    }

    @Test
    void theAdminConnectorToo() {
        var app = support(ConfigOverride.config("server.adminConnectors[0].bindHost", "::"));
        try {
            assertThatThrownBy(app::before)
                    .satisfies(e -> assertThat(validation(e).getMessage())
                            .contains("the admin connector binds [::]:0 (every interface)", "MOBILITY_ADMIN_HOST")
                            .doesNotContain("application connector"));
        } finally {
            app.after();
        }
    }

    @Test
    void everyInterfaceWithATokenStartsAndAsksForIt() throws Exception {
        var app = support(
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"),
                ConfigOverride.config("authToken", "a-token"));
        try {
            app.before();
            assertThat(new Http(app.getLocalPort(), null).get("/v1/models").status())
                    .isEqualTo(401);
            assertThat(new Http(app.getLocalPort(), "a-token").get("/v1/models").status())
                    .isEqualTo(200);
        } finally {
            app.after();
        }
    }

    @Test
    void loopbackNamesAndAddressesNeedNoToken() {
        for (String host : List.of("127.0.0.1", "127.0.0.2", "localhost", "::1")) {
            assertThat(ConnectorExposure.beyondLoopback(server(host, "127.0.0.1")))
                    .as(host)
                    .isEmpty();
        }
    }

    @Test
    void noBindHostAnUnresolvableNameOrARoutableAddressIsBeyondLoopback() {
        assertThat(ConnectorExposure.beyondLoopback(server(null, "127.0.0.1")))
                .singleElement()
                .satisfies(e -> assertThat(e.address()).isEqualTo("every interface (no bindHost):8080"));
        assertThat(ConnectorExposure.beyondLoopback(server("no-such-host.invalid", "127.0.0.1")))
                .singleElement()
                .satisfies(e -> assertThat(e.address()).contains("does not resolve"));
        assertThat(ConnectorExposure.beyondLoopback(server("127.0.0.1", "10.1.2.3")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.connector()).isEqualTo("the admin connector");
                    assertThat(e.address()).isEqualTo("10.1.2.3:8081");
                    assertThat(e.setting()).startsWith("server.adminConnectors[0].bindHost");
                });
    }

    private static DefaultServerFactory server(String applicationHost, String adminHost) {
        var application = (HttpConnectorFactory) HttpConnectorFactory.application();
        application.setBindHost(applicationHost);
        var admin = (HttpConnectorFactory) HttpConnectorFactory.admin();
        admin.setBindHost(adminHost);
        var server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(application));
        server.setAdminConnectors(List.of(admin));
        return server;
    }

    private static DropwizardTestSupport<InferenceConfiguration> support(ConfigOverride... overrides) {
        ConfigOverride[] all = new ConfigOverride[overrides.length + 1];
        all[0] = ConfigOverride.config("lake", Lake.copy().toString());
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        return new DropwizardTestSupport<>(
                InferenceApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"), all);
    }

    private static ConfigurationValidationException validation(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof ConfigurationValidationException validation) {
                return validation;
            }
        }
        throw Assertions.<AssertionError>fail("no ConfigurationValidationException in", thrown);
    }
}
