package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/** The shipped config.yml: its defaults, values from the environment, both ports on loopback unless a token is set. */
class ConfigurationTest {

    private final YamlConfigurationFactory<InferenceConfiguration> factory = new YamlConfigurationFactory<>(
            InferenceConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    /** As {@code EnvironmentVariableSubstitutor(true)} does, over a given environment instead of the process's. */
    private InferenceConfiguration load(Map<String, String> environment) throws Exception {
        StringSubstitutor substitutor = new StringSubstitutor(environment);
        substitutor.setEnableUndefinedVariableException(true);
        return factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor), "config.yml");
    }

    @Test
    void defaultsServeTheLocalLakeWithTheAdminPortOnLoopback() throws Exception {
        InferenceConfiguration config = load(Map.of());
        assertThat(config.getLake()).isEqualTo("lake");
        assertThat(config.getBatchMaxItems()).isEqualTo(100);
        assertThat(config.getAuthToken()).isEmpty();
        assertThat(config.getAuthAllowList()).containsExactly("GET /health", "GET /openapi.json");
        assertThat(config.getAdminAuthAllowList()).containsExactly("GET /ping", "GET /healthcheck");
        assertThat(config.getCorsAllowedOrigins()).isEmpty();
        assertThat(config.getZoneState().bootstrapServers).isEqualTo("localhost:9092");
        var server = (DefaultServerFactory) config.getServerFactory();
        var admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(admin.getBindHost()).isEqualTo("127.0.0.1");
        assertThat(admin.getPort()).isEqualTo(8090);
    }

    @Test
    void environmentVariablesReplaceTheDefaults() throws Exception {
        InferenceConfiguration config = load(Map.of(
                "MOBILITY_LAKE",
                "/data/lake",
                "MOBILITY_BATCH_MAX_ITEMS",
                "7",
                "MOBILITY_API_TOKEN",
                "t0k3n",
                "MOBILITY_KAFKA",
                "broker:9092"));
        assertThat(config.getLake()).isEqualTo("/data/lake");
        assertThat(config.modelsDir().toString()).isEqualTo("/data/lake/models");
        assertThat(config.getBatchMaxItems()).isEqualTo(7);
        assertThat(config.getAuthToken()).isEqualTo("t0k3n");
        assertThat(config.getZoneState().bootstrapServers).isEqualTo("broker:9092");
    }

    @Test
    void anInvalidValueIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load(Map.of("MOBILITY_BATCH_MAX_ITEMS", "0"))).hasMessageContaining("batchMaxItems");
    }

    @Test
    void everyInterfaceWithoutATokenIsRefusedNamingTheVariablesToSet() {
        assertThatThrownBy(() -> load(Map.of("MOBILITY_SERVE_HOST", "0.0.0.0")))
                .hasMessageContaining("the application connector binds 0.0.0.0:8080 (every interface)")
                .hasMessageContaining("MOBILITY_API_TOKEN", "MOBILITY_SERVE_HOST");
        assertThatThrownBy(() -> load(Map.of("MOBILITY_ADMIN_HOST", "0.0.0.0")))
                .hasMessageContaining("the admin connector binds 0.0.0.0:8090", "MOBILITY_ADMIN_HOST");
    }

    @Test
    void everyInterfaceWithATokenIsAccepted() throws Exception {
        InferenceConfiguration config = load(Map.of(
                "MOBILITY_SERVE_HOST", "0.0.0.0", "MOBILITY_ADMIN_HOST", "0.0.0.0", "MOBILITY_API_TOKEN", "t0k3n"));
        assertThat(config.getAuthToken()).isEqualTo("t0k3n");
    }

    @Test
    void anAllowListEntryThatIsNotAMethodAndAPathIsRefused() {
        var config = new InferenceConfiguration();
        config.setAuthAllowList(List.of("/health"));
        assertThat(Validators.newValidator().validate(config))
                .singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).startsWith("authAllowList"));
    }

    @Test
    void withoutAServerSectionTheAdminPortStillBindsToLoopback() {
        var server = (DefaultServerFactory) new InferenceConfiguration().getServerFactory();
        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost())
                .isEqualTo("127.0.0.1");
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getBindHost())
                .isEqualTo("127.0.0.1");
    }
}
