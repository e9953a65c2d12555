package io.mobility.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.platform.kafka.EmbeddedKafka;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real workers in one distributed group. Only the leader writes connector configs: a follower forwards a PUT to
 * the leader's advertised REST address, so that address must be one the follower can reach (compose's workers
 * advertised {@code 0.0.0.0:8083}, and the forward came back to the follower itself as 409).
 */
class ConnectWorkerGroupIT {

    private static final String GROUP = "paired-connect";
    private static EmbeddedKafka kafka;
    private static ConnectWorker first;
    private static ConnectWorker second;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder().start();
        // The test connector ships a ServiceLoader manifest: skip the slow reflective scan of the whole classpath.
        first = ConnectWorker.builder(kafka.bootstrapServers())
                .groupId(GROUP)
                .pluginDiscovery("service_load")
                .start();
        second = ConnectWorker.builder(kafka.bootstrapServers())
                .groupId(GROUP)
                .pluginDiscovery("service_load")
                .start();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        kafka.close();
    }

    @Test
    void aConnectorPutSentToTheFollowerIsForwardedToTheLeaderAndRuns() {
        assertThat(first.restUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(second.restUrl());
        ConnectRestClient follower =
                await("one leader and one follower", ConnectWorkerGroupIT::followerOrNull, f -> f != null);
        ConnectRestClient leader =
                new ConnectRestClient(follower.baseUrl().equals(first.restUrl()) ? second.restUrl() : first.restUrl());
        Map<String, String> config = Map.of(
                "connector.class", RecordingSinkConnector.class.getName(),
                "topics", "paired",
                "tasks.max", "1");
        kafka.createTopic("paired", 1, Map.of());

        ConnectRestClient.Response created = follower.send("PUT", "/connectors/paired-recorder/config", config);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("name").asText()).isEqualTo("paired-recorder");
        follower.awaitRunning("paired-recorder", Duration.ofSeconds(60));
        JsonNode status = leader.status("paired-recorder").json();
        assertThat(status.path("connector").path("state").asText()).isEqualTo("RUNNING");
        assertThat(status.path("connector").path("worker_id").asText())
                .as("runs on a worker of the group, named by its advertised address")
                .isIn(workerId(first), workerId(second));
        assertThat(leader.send("GET", "/connectors", null).json().toString()).isEqualTo("[\"paired-recorder\"]");

        ConnectRestClient.Response updated = follower.send(
                "PUT",
                "/connectors/paired-recorder/config",
                Map.of(
                        "connector.class",
                        RecordingSinkConnector.class.getName(),
                        "topics",
                        "paired",
                        "tasks.max",
                        "2"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(follower.send("DELETE", "/connectors/paired-recorder", null).status())
                .isEqualTo(204);
    }

    /**
     * The follower, told apart over REST: {@code forward=false} forbids the forward, so for a connector that does not
     * exist the leader answers 404 and a follower 409. Null while the group is still rebalancing.
     */
    private static ConnectRestClient followerOrNull() {
        ConnectRestClient a = new ConnectRestClient(first.restUrl());
        ConnectRestClient b = new ConnectRestClient(second.restUrl());
        int fromA = a.send("DELETE", "/connectors/no-such-connector?forward=false", null)
                .status();
        int fromB = b.send("DELETE", "/connectors/no-such-connector?forward=false", null)
                .status();
        if (fromA == 404 && fromB == 409) {
            return b;
        }
        if (fromA == 409 && fromB == 404) {
            return a;
        }
        return null;
    }

    private static String workerId(ConnectWorker worker) {
        URI url = URI.create(worker.restUrl());
        return url.getHost() + ":" + url.getPort();
    }

    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            assertThat(System.nanoTime())
                    .as("waiting for " + what + "; last seen: " + last)
                    .isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = probe.get();
        }
        return last;
    }
}
