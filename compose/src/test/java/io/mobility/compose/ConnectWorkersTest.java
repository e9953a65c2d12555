package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Connect workers and the init container that configures them. A follower forwards connector writes to the
 * leader at the address the leader advertises, so each worker must advertise its own service name; the init script
 * runs (with sh and curl, as in its curl image) against real HTTP servers that answer as Connect workers do.
 */
class ConnectWorkersTest {

    private static final List<String> WORKERS = List.of("connect-1", "connect-2");
    private static final String REBALANCING = "{\"error_code\":409,\"message\":\"Cannot complete request because of"
            + " a conflicting operation (e.g. worker rebalance)\"}";

    private final ComposeFile compose = ComposeFile.load();
    private final List<HttpServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void eachWorkerAdvertisesItsOwnServiceNameAndListenerPort() throws Exception {
        String shared = Repo.read(Repo.COMPOSE.resolve("connect/worker.properties"));
        Properties base = properties(shared);
        // A listener on 0.0.0.0 with nothing advertised is what made the forward loop back to the sender.
        assertThat(base.getProperty("listeners")).isEqualTo("http://:8083");
        assertThat(base.stringPropertyNames()).noneMatch(k -> k.startsWith("rest.advertised."));
        for (String worker : WORKERS) {
            Map<String, String> env = ComposeFile.environment(compose.service(worker));
            Properties generated = properties(startWorker(env, shared));
            assertThat(generated.getProperty("rest.advertised.host.name"))
                    .as(worker)
                    .isEqualTo(worker);
            assertThat(compose.service(worker).path("hostname").asText()).isEqualTo(worker);
            assertThat(generated.getProperty("rest.advertised.port")).as(worker).isEqualTo("8083");
            assertThat(generated.getProperty("rest.advertised.listener")).isEqualTo("http");
            assertThat(generated.getProperty("group.id")).isEqualTo(base.getProperty("group.id"));
            assertThat(compose.ports())
                    .as(worker + " publishes its listener")
                    .anyMatch(p -> p.service().equals(worker) && p.container() == 8083);
        }
        assertThat(compose.service("connect-1").path("command").toString()).contains("/etc/mobility/start-worker.sh");
        assertThat(compose.mounts())
                .anyMatch(m -> m.service().equals("connect-2")
                        && ComposeFile.hostPath(m).equals(Repo.COMPOSE.resolve("connect/start-worker.sh"))
                        && m.target().equals("/etc/mobility/start-worker.sh"));
    }

    @Test
    void theStartScriptRefusesASharedAdvertisedAddress() throws Exception {
        String shared = Repo.read(Repo.COMPOSE.resolve("connect/worker.properties"))
                + "\nrest.advertised.host.name=connect-1\n";
        Result result = run(
                List.of("bash", Repo.COMPOSE.resolve("connect/start-worker.sh").toString()),
                workerEnv(ComposeFile.environment(compose.service("connect-2")), shared));
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("sets rest.advertised.*: it is per worker");
    }

    @Test
    void theInitContainerNamesBothWorkers() {
        String urls = ComposeFile.environment(compose.service("connect-init")).get("CONNECT_URLS");
        assertThat(urls.split(" ")).containsExactly("http://connect-1:8083", "http://connect-2:8083");
        assertThat(ComposeFile.dependsOn(compose.service("connect-init"))).containsAll(WORKERS);
    }

    @Test
    void aWorkerAnswering409IsRetriedOnTheOther() throws Exception {
        // Worker a is mid-rebalance (409 to every write), worker b accepts: every connector lands on b.
        Map<String, Integer> onA = new HashMap<>();
        Map<String, Integer> onB = new HashMap<>();
        String a = worker((name, n) -> 409, onA);
        String b = worker((name, n) -> 201, onB);
        Result result = createConnectors(a + " " + b, 3);
        assertThat(result.status()).as(result.err()).isZero();
        List<String> connectors = connectorNames();
        assertThat(onB.keySet()).containsExactlyInAnyOrderElementsOf(connectors);
        assertThat(onA.keySet()).containsExactlyInAnyOrderElementsOf(connectors);
        assertThat(result.out()).contains("done: 5 connectors");
    }

    @Test
    void anUnreachableWorkerAndARebalanceAreWaitedOut() throws Exception {
        // The first worker is down; the second rebalances for its first two answers to each connector.
        String down = "http://127.0.0.1:" + freePort();
        Map<String, Integer> calls = new HashMap<>();
        String b = worker((name, n) -> n <= 2 ? 409 : 200, calls);
        Result result = createConnectors(down + " " + b, 4);
        assertThat(result.status()).as(result.err()).isZero();
        assertThat(calls.values()).allMatch(n -> n == 3);
        assertThat(result.out()).contains("answered HTTP 000", "answered HTTP 409");
    }

    @Test
    void noWorkerAcceptingFailsLoudlyWithTheLastAnswer() throws Exception {
        String a = worker((name, n) -> 409, new HashMap<>());
        String b = worker((name, n) -> 503, new HashMap<>());
        Result result = createConnectors(a + " " + b, 2);
        assertThat(result.status()).isNotZero();
        assertThat(result.err()).contains("no worker accepted it in 2 rounds").contains(b + " answered HTTP 503");
    }

    @Test
    void aRefusedConfigurationStopsAtOnce() throws Exception {
        Map<String, Integer> calls = new HashMap<>();
        String a = worker((name, n) -> 400, calls);
        String b = worker((name, n) -> 201, new HashMap<>());
        Result result = createConnectors(a + " " + b, 5);
        assertThat(result.status()).isNotZero();
        assertThat(result.err()).contains("refused by " + a + " with HTTP 400").contains("\"error_code\":400");
        assertThat(calls.values()).containsExactly(1);
    }

    private interface Answer {
        int status(String connector, int call);
    }

    /** A worker's REST API: lists the sink plugin, answers PUT /connectors/NAME/config, counts calls per name. */
    private String worker(Answer answer, Map<String, Integer> calls) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/connector-plugins",
                ex -> reply(
                        ex,
                        200,
                        "[{\"class\":\"io.mobility.sink.DeltaSinkConnector\","
                                + "\"type\":\"sink\",\"version\":\"0.1.0\"}]"));
        server.createContext("/connectors", ex -> {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("PUT") || !path.endsWith("/config")) {
                reply(ex, 200, "{}");
                return;
            }
            ex.getRequestBody().readAllBytes();
            String name = path.split("/")[2];
            int n;
            synchronized (calls) {
                n = calls.merge(name, 1, Integer::sum);
            }
            int status = answer.status(name, n);
            reply(
                    ex,
                    status,
                    status == 409
                            ? REBALANCING
                            : status >= 400
                                    ? "{\"error_code\":" + status + ",\"message\":\"refused\"}"
                                    : "{\"name\":\"" + name + "\"}");
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Result createConnectors(String urls, int rounds) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECT_URLS", urls);
        env.put("CONNECTORS_DIR", Repo.COMPOSE.resolve("connect").toString());
        env.put("CONNECT_RETRY_ROUNDS", String.valueOf(rounds));
        env.put("CONNECT_RETRY_PAUSE_SECONDS", "0");
        return run(
                List.of("sh", Repo.COMPOSE.resolve("init/create-connectors.sh").toString()), env);
    }

    private static List<String> connectorNames() throws IOException {
        List<String> names = new ArrayList<>(ConnectorsTest.connectors().keySet());
        Collections.sort(names);
        return names;
    }

    /** The properties start-worker.sh hands to connect-distributed.sh (replaced by cat here). */
    private String startWorker(Map<String, String> composeEnv, String shared) throws Exception {
        Map<String, String> env = workerEnv(composeEnv, shared);
        env.put("CONNECT_DISTRIBUTED", "cat");
        Result result = run(
                List.of("bash", Repo.COMPOSE.resolve("connect/start-worker.sh").toString()), env);
        assertThat(result.status()).as(result.err()).isZero();
        return result.out();
    }

    private Map<String, String> workerEnv(Map<String, String> composeEnv, String shared) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "worker", ".properties"), shared);
        Map<String, String> env = new HashMap<>(composeEnv);
        env.put("CONNECT_WORKER_PROPERTIES", file.toString());
        env.put(
                "CONNECT_GENERATED_PROPERTIES",
                dir.resolve("generated-" + file.getFileName()).toString());
        return env;
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Result(int status, String out, String err) {}

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("compose-script", ".out");
        Path err = Files.createTempFile("compose-script", ".err");
        try {
            Process p = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS))
                    .as(String.join(" ", command) + " finishes")
                    .isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
