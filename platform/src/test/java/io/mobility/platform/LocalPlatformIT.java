package io.mobility.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.Topic;
import io.mobility.events.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsKafkaWithEveryTopicAndARegistryThatKeepsSchemasAcrossRuns(@TempDir Path dataDir) throws Exception {
        List<String> steps = new ArrayList<>();
        int id;
        try (LocalPlatform platform =
                LocalPlatform.builder().dataDir(dataDir).progress(steps::add).start()) {
            assertThat(platform.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(platform.kafka().admin().listTopics().names().get())
                    .containsAll(Topics.ALL.stream().map(Topic::name).toList());
            assertThat(platform.connectWorker()).isEmpty();
            assertThatThrownBy(platform::connectRestUrl).hasMessageContaining("without Kafka Connect");

            String schema = Topics.ZONES.valueSchema().toString();
            JsonNode registered = post(
                    platform.registryUrl() + "/subjects/" + Topics.ZONES.valueSubject() + "/versions",
                    Map.of("schema", schema));
            id = registered.get("id").asInt();
            assertThat(id).isPositive();
        }
        assertThat(steps)
                .anySatisfy(s -> assertThat(s).contains("Kafka"))
                .anySatisfy(s -> assertThat(s).contains("schema registry"));

        try (LocalPlatform again = LocalPlatform.builder().dataDir(dataDir).start()) {
            JsonNode latest =
                    get(again.registryUrl() + "/subjects/" + Topics.ZONES.valueSubject() + "/versions/latest");
            assertThat(latest.get("id").asInt()).isEqualTo(id);
            assertThat(latest.get("version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void withConnectAWorkerJoinsTheSameBroker() throws Exception {
        try (LocalPlatform platform = LocalPlatform.builder()
                .withConnect(true)
                // the classpath's plugins all have ServiceLoader manifests: skip the slow reflective scan
                .connectWorkerProperties(Map.of("plugin.discovery", "service_load"))
                .start()) {
            JsonNode root = get(platform.connectRestUrl() + "/");
            assertThat(root.get("version").asText()).startsWith("4.3");
            String clusterId =
                    platform.kafka().admin().describeCluster().clusterId().get();
            assertThat(root.get("kafka_cluster_id").asText()).isEqualTo(clusterId);
            assertThat(platform.kafka().admin().listTopics().names().get())
                    .contains("mobility-connect-configs", "mobility-connect-offsets", "mobility-connect-status");
        }
    }

    @Test
    void aTakenRegistryPortFailsBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalPlatform.builder()
                            .registryPort(taken.getLocalPort())
                            .start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Schema registry cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String url, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
