package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The three apache/kafka nodes form one KRaft quorum that every client reaches on the internal listener. */
class KafkaQuorumTest {

    private static final List<String> NODES = List.of("kafka-1", "kafka-2", "kafka-3");

    private final ComposeFile compose = ComposeFile.load();
    private final Map<String, Map<String, String>> env = new LinkedHashMap<>();

    KafkaQuorumTest() {
        NODES.forEach(n -> env.put(n, ComposeFile.environment(compose.service(n))));
    }

    @Test
    void nodesHaveDistinctIdsAndOneClusterId() {
        assertThat(env.values().stream().map(e -> e.get("KAFKA_NODE_ID")).collect(Collectors.toSet()))
                .hasSize(3);
        Set<String> clusterIds =
                env.values().stream().map(e -> e.get("CLUSTER_ID")).collect(Collectors.toSet());
        assertThat(clusterIds).hasSize(1).doesNotContainNull();
        // A KRaft cluster id is a UUID in URL-safe base64 without padding (kafka-storage.sh random-uuid).
        assertThat(Base64.getUrlDecoder().decode(clusterIds.iterator().next())).hasSize(16);
    }

    @Test
    void everyNodeIsBrokerAndControllerWithTheSameVoters() {
        Set<String> voters = env.values().stream()
                .map(e -> e.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .collect(Collectors.toSet());
        assertThat(voters).hasSize(1);
        env.forEach((node, e) -> {
            assertThat(e.get("KAFKA_PROCESS_ROLES")).as(node).isEqualTo("broker,controller");
            assertThat(e.get("KAFKA_CONTROLLER_LISTENER_NAMES")).as(node).isEqualTo("CONTROLLER");
        });
    }

    @Test
    void eachVoterIsANodeWithThatIdAndItsControllerListener() {
        String voters = env.get("kafka-1").get("KAFKA_CONTROLLER_QUORUM_VOTERS");
        Set<String> seen = new TreeSet<>();
        for (String voter : voters.split(",")) {
            String[] idAndAddress = voter.split("@");
            String[] hostPort = idAndAddress[1].split(":");
            String node = hostPort[0];
            assertThat(NODES).as("voter " + voter).contains(node);
            assertThat(env.get(node).get("KAFKA_NODE_ID")).as("voter " + voter).isEqualTo(idAndAddress[0]);
            assertThat(listenerPort(env.get(node).get("KAFKA_LISTENERS"), "CONTROLLER"))
                    .as("voter " + voter)
                    .isEqualTo(hostPort[1]);
            seen.add(node);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(NODES);
    }

    @Test
    void replicationSurvivesOneNodeDown() {
        env.forEach((node, e) -> {
            assertThat(e.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).as(node).isEqualTo("3");
            assertThat(e.get("KAFKA_MIN_INSYNC_REPLICAS")).as(node).isEqualTo("2");
            assertThat(e.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"))
                    .as(node)
                    .isEqualTo("3");
            assertThat(e.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).as(node).isEqualTo("2");
        });
    }

    @Test
    void advertisedListenersAreReachableAndExternalPortsArePublished() {
        env.forEach((node, e) -> {
            String internal = address(e.get("KAFKA_ADVERTISED_LISTENERS"), "INTERNAL");
            assertThat(internal).as(node).isEqualTo(node + ":" + listenerPort(e.get("KAFKA_LISTENERS"), "INTERNAL"));
            String external = address(e.get("KAFKA_ADVERTISED_LISTENERS"), "EXTERNAL");
            int port = Integer.parseInt(external.substring(external.lastIndexOf(':') + 1));
            assertThat(compose.ports())
                    .as(node + " publishes " + external)
                    .anyMatch(p -> p.service().equals(node) && p.host() == port && p.container() == port);
        });
    }

    @Test
    void clientsBootstrapFromTheInternalListenersOfAllThreeNodes() {
        String expected = NODES.stream()
                .map(n -> n + ":" + listenerPort(env.get(n).get("KAFKA_LISTENERS"), "INTERNAL"))
                .collect(Collectors.joining(","));
        String worker = Repo.read(Repo.COMPOSE.resolve("connect/worker.properties"));
        assertThat(worker).contains("bootstrap.servers=" + expected);
        assertThat(ComposeFile.environment(compose.service("streams-1")))
                .containsEntry("MOBILITY_STREAMS_BOOTSTRAP_SERVERS", expected);
        assertThat(ComposeFile.environment(compose.service("serve"))).containsEntry("MOBILITY_KAFKA", expected);
        assertThat(ComposeFile.environment(compose.service("kafka-init"))).containsEntry("BOOTSTRAP_SERVERS", expected);
        assertThat(Arrays.stream(ComposeFile.environment(compose.service("schema-registry"))
                                .get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")
                                .split(","))
                        .map(s -> s.replace("PLAINTEXT://", ""))
                        .collect(Collectors.joining(",")))
                .isEqualTo(expected);
    }

    private static String listenerPort(String listeners, String name) {
        String address = address(listeners, name);
        return address.substring(address.lastIndexOf(':') + 1);
    }

    private static String address(String listeners, String name) {
        return Arrays.stream(listeners.split(","))
                .filter(l -> l.startsWith(name + "://"))
                .map(l -> l.substring(name.length() + 3))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " listener in " + listeners));
    }
}
