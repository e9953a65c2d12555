package io.mobility.streams.it;

import static io.mobility.streams.it.ExactlyOnceReconciliationIT.serde;
import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.Topics;
import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideState;
import io.mobility.platform.LocalPlatform;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The app in its own JVM, started as ./mobility starts it, is killed with SIGKILL in the middle of the stream and
 * started again: every valid event is in the clean topic exactly once and every ride ends in the right state.
 */
class CrashRecoveryIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void killedMidStreamAndRestartedEveryValidEventIsCleanExactlyOnce() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            Cluster cluster = new Cluster(platform);
            cluster.loadReferenceData(100);
            DirtyInput input =
                    DirtyInput.generate(1200, 7, Instant.now().minus(Duration.ofHours(2)), 0.1, cluster::encode);
            cluster.send(input.records);
            log("sent " + input.totalRecords());
            int expectedClean = input.cleanRideEventIds.size();
            Path stateDir = Files.createTempDirectory("streams-crash");
            String appId = "crash-" + System.nanoTime();

            Process first = startApp(platform, appId, stateDir, freePort(), "first");
            var before = cluster.readCommitted(
                    Topics.RIDE_EVENTS_CLEAN.name(),
                    serde(platform, RideEvent.class),
                    read -> !read.isEmpty(),
                    Duration.ofSeconds(90));
            log("first output committed; killing");
            first.destroyForcibly(); // SIGKILL: no commit, no close, an open transaction left behind
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            var atKill = cluster.readCommitted(
                    Topics.RIDE_EVENTS_CLEAN.name(),
                    serde(platform, RideEvent.class),
                    read -> read.size() >= expectedClean,
                    Duration.ofSeconds(2));
            assertThat(before).isNotEmpty();
            assertThat(atKill.size()).as("killed in the middle of the stream").isLessThan(expectedClean);

            int port = freePort();
            Process second = startApp(platform, appId, stateDir, port, "second");
            log("restarted");
            try {
                var clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() >= expectedClean,
                        Duration.ofSeconds(180));
                var quarantine = cluster.readCommitted(
                        Topics.QUARANTINE.name(),
                        serde(platform, QuarantineRecord.class),
                        read -> read.size() >= input.quarantined(),
                        Duration.ofSeconds(60));
                Map<String, RideState> rides = latest(cluster.readCommitted(
                        Topics.RIDES.name(),
                        serde(platform, RideState.class),
                        read -> finished(latest(read), input),
                        Duration.ofSeconds(60)));
                log("all outputs read");
                Thread.sleep(1500); // let anything extra (a duplicate) be committed before the final read
                clean = cluster.readCommitted(
                        Topics.RIDE_EVENTS_CLEAN.name(),
                        serde(platform, RideEvent.class),
                        read -> read.size() > expectedClean,
                        Duration.ofSeconds(3));

                List<String> cleanIds =
                        clean.stream().map(r -> r.value().getEventId()).toList();
                assertThat(cleanIds)
                        .doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(input.cleanRideEventIds);
                Map<String, Long> byReason = quarantine.stream()
                        .collect(Collectors.groupingBy(
                                r -> r.value().getReasonCode(), TreeMap::new, Collectors.counting()));
                assertThat(byReason).isEqualTo(input.quarantinedByReason);
                assertThat(rides.keySet()).isEqualTo(input.finalStatus.keySet());
                assertThat(rides).allSatisfy((id, ride) -> {
                    assertThat(ride.getStatus()).as(id).isEqualTo(input.finalStatus.get(id));
                    assertThat(ride.getEventsApplied())
                            .as(id + " each valid event applied once")
                            .isEqualTo(input.eventsApplied.get(id));
                });
                assertThat(httpStatus(port, "/health/ready")).isEqualTo(200);
            } finally {
                second.destroy(); // SIGTERM: the app closes Streams and exits cleanly
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            // The JVM reports a SIGTERM exit as 143 whatever the hooks do; the app's own log says how it closed.
            assertThat(second.exitValue()).isEqualTo(143);
            assertThat(Files.readString(MODULE.resolve("target/crash-test-app-second.log")))
                    .contains("Closed Kafka Streams cleanly");
        }
    }

    private static final long T0 = System.nanoTime();

    private static void log(String what) {
        System.out.printf("%6d ms  %s%n", (System.nanoTime() - T0) / 1_000_000, what);
    }

    private static boolean finished(Map<String, RideState> rides, DirtyInput input) {
        return rides.size() == input.finalStatus.size()
                && rides.entrySet().stream()
                        .allMatch(e -> e.getValue().getEventsApplied() == input.eventsApplied.get(e.getKey()));
    }

    private static Process startApp(LocalPlatform platform, String appId, Path stateDir, int httpPort, String name)
            throws Exception {
        String classpath = MODULE.resolve("target/classes")
                + File.pathSeparator
                + Files.readString(MODULE.resolve("target/runtime-classpath.txt"))
                        .strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + MODULE.resolve("target"),
                "-cp",
                classpath,
                "io.mobility.streams.StreamsCommand",
                "--bootstrap-servers",
                platform.bootstrapServers(),
                "--schema-registry-url",
                platform.registryUrl(),
                "--application-id",
                appId,
                "--state-dir",
                stateDir.toString(),
                "--http-port",
                String.valueOf(httpPort)));
        File log = MODULE.resolve("target/crash-test-app-" + name + ".log").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private static int httpStatus(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <V> Map<String, V> latest(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, V>> rs) {
        Map<String, V> latest = new HashMap<>();
        rs.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }
}
