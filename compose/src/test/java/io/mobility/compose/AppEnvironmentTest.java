package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.streams.StreamsSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The environment variables compose gives our apps are ones the apps read, with values they accept. */
class AppEnvironmentTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void streamsVariablesAreStreamsCommandKeys() {
        Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        keys.addAll(StreamsSettings.defaults().stringPropertyNames());
        for (String instance : List.of("streams-1", "streams-2")) {
            Map<String, String> env = ComposeFile.environment(compose.service(instance));
            assertThat(env.keySet()).as(instance).isNotEmpty().allMatch(k -> k.startsWith(StreamsSettings.ENV_PREFIX));
            env.keySet().forEach(name -> {
                String key = name.substring(StreamsSettings.ENV_PREFIX.length())
                        .toLowerCase()
                        .replace('_', '.');
                assertThat(keys)
                        .as(instance + ": " + name + " sets '" + key + "', a key StreamsCommand knows")
                        .contains(key);
            });
        }
    }

    @Test
    void bothInstancesAreOneApplicationAndTheSettingsLoad() {
        Map<String, String> first = ComposeFile.environment(compose.service("streams-1"));
        Map<String, String> second = ComposeFile.environment(compose.service("streams-2"));
        assertThat(first).isEqualTo(second);
        StreamsSettings settings = StreamsSettings.load(null, first, Map.of());
        assertThat(settings.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("mobility-streams");
        assertThat(settings.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(settings.get(StreamsSettings.SCHEMA_REGISTRY_URL)).isEqualTo("http://schema-registry:8081");
        // Health and /metrics are for the compose network (a scraper, the health check): not on loopback, and not
        // published on the host.
        assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
        for (String instance : List.of("streams-1", "streams-2")) {
            assertThat(compose.ports()).noneMatch(p -> p.service().equals(instance));
            assertThat(compose.mounts())
                    .as(instance + ": its state directory is a volume")
                    .anyMatch(m -> m.service().equals(instance)
                            && !m.bind()
                            && m.target().equals(settings.get(StreamsConfig.STATE_DIR_CONFIG)));
        }
        // Internal topics (changelogs, the zone-signal repartition) replicated like the platform's own.
        assertThat(new StreamsConfig(settings.asProperties()).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG))
                .isEqualTo(3);
    }

    @Test
    void serveVariablesAreOnesItsConfigurationReads() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\$\\{(MOBILITY_[A-Z_]+):-([^}]*)}")
                .matcher(Repo.read(Repo.ROOT.resolve("inference-dropwizard/config.yml")));
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        Map<String, String> env = ComposeFile.environment(compose.service("serve"));
        assertThat(env.keySet()).isNotEmpty().allMatch(defaults::containsKey);
        // Without these the API would listen on loopback inside its container.
        assertThat(env).containsEntry("MOBILITY_SERVE_HOST", "0.0.0.0").containsEntry("MOBILITY_ADMIN_HOST", "0.0.0.0");
        int api = Integer.parseInt(env.get("MOBILITY_SERVE_PORT"));
        int admin = Integer.parseInt(env.get("MOBILITY_ADMIN_PORT"));
        assertThat(compose.ports()).anyMatch(p -> p.service().equals("serve") && p.container() == api);
        assertThat(compose.ports())
                .as("the admin port stays in the network")
                .noneMatch(p -> p.service().equals("serve") && p.container() == admin);
    }

    @Test
    void theStreamsHealthCheckAsksTheAppIfItIsReady() {
        StreamsSettings settings =
                StreamsSettings.load(null, ComposeFile.environment(compose.service("streams-1")), Map.of());
        String endpoint = Repo.read(
                Repo.ROOT.resolve("streams-app/src/main/java/io/mobility/streams/health/HealthEndpoint.java"));
        assertThat(endpoint).containsPattern("createContext\\(\\s*\"/health/ready\"");
        for (String instance : List.of("streams-1", "streams-2")) {
            assertThat(healthCheck(instance))
                    .as(instance)
                    .containsExactly(
                            "CMD",
                            "curl",
                            "-fsS",
                            "-o",
                            "/dev/null",
                            "http://localhost:" + settings.httpPort() + "/health/ready");
        }
    }

    @Test
    void theApiHealthCheckAsksDropwizardsAdminPort() {
        Map<String, String> env = ComposeFile.environment(compose.service("serve"));
        // Dropwizard's admin servlet answers /healthcheck: 200 only while every registered check is healthy.
        assertThat(healthCheck("serve"))
                .containsExactly(
                        "CMD",
                        "curl",
                        "-fsS",
                        "-o",
                        "/dev/null",
                        "http://localhost:" + env.get("MOBILITY_ADMIN_PORT") + "/healthcheck");
    }

    @Test
    void theHealthChecksToolIsInTheImage() {
        // curl is installed by eclipse-temurin's Ubuntu images (adoptium/containers#255); the Alpine or distroless
        // flavours of other bases would not have it.
        for (String image : List.of("streams", "serve")) {
            Dockerfile dockerfile = Dockerfile.parse(Repo.COMPOSE.resolve("images/" + image + "/Dockerfile"));
            assertThat(dockerfile.last().image()).as(image).matches("eclipse-temurin:17-jre(-(jammy|noble))?");
        }
    }

    private List<String> healthCheck(String service) {
        List<String> test = new ArrayList<>();
        compose.service(service).path("healthcheck").path("test").forEach(n -> test.add(n.asText()));
        assertThat(compose.service(service).path("healthcheck").path("disable").asBoolean(false))
                .isFalse();
        return test;
    }
}
