package io.mobility.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's network behaviour (retries, error mapping, caching) against an HTTP server scripted to fail the ways
 * a registry or its proxy fails. The happy path against the real in-process registry is tested in the platform module.
 */
class RestSchemaRegistryClientTest {

    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";

    private record Answer(int status, String body) {}

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        requests.add(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        Answer answer =
                script.isEmpty() ? new Answer(500, "{\"error_code\":50001,\"message\":\"unscripted\"}") : script.poll();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private RestSchemaRegistryClient client(int attempts) {
        return new RestSchemaRegistryClient(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                RegistryClientSettings.defaults().withMaxAttempts(attempts).withBackoff(Duration.ofMillis(10)));
    }

    @Test
    void serverErrorsAreRetriedUntilTheRegistryAnswers() {
        script.add(new Answer(503, "<html>proxy busy</html>"));
        script.add(new Answer(500, "{\"error_code\":50001,\"message\":\"store timeout\"}"));
        script.add(new Answer(200, "{\"id\":21}"));

        assertThat(client(3).register("points-value", new Schema.Parser().parse(SCHEMA)))
                .isEqualTo(21);
        assertThat(requests)
                .containsExactly(
                        "POST /subjects/points-value/versions",
                        "POST /subjects/points-value/versions",
                        "POST /subjects/points-value/versions");
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsReported() {
        script.add(new Answer(500, "{\"error_code\":50001,\"message\":\"store down\"}"));
        script.add(new Answer(500, "{\"error_code\":50001,\"message\":\"store still down\"}"));

        assertThatThrownBy(() -> client(2).schemaById(5))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("store still down")
                .extracting(e -> ((SchemaRegistryException) e).errorCode())
                .isEqualTo(50001);
        assertThat(requests).hasSize(2);
    }

    @Test
    void unknownIdFailsAtOnceWithASpecificError() {
        script.add(new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 77 not found\"}"));

        assertThatThrownBy(() -> client(3).schemaById(77))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("77")
                .extracting(e -> ((UnknownSchemaIdException) e).schemaId())
                .isEqualTo(77);
        assertThat(requests).hasSize(1);
    }

    @Test
    void incompatibleSchemaFailsAtOnceWithASpecificError() {
        script.add(new Answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));

        assertThatThrownBy(() -> client(3).register("points-value", new Schema.Parser().parse(SCHEMA)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("points-value")
                .hasMessageContaining("incompatible");
        assertThat(requests).hasSize(1);
    }

    @Test
    void unknownSubjectFailsWithASpecificError() {
        script.add(new Answer(404, "{\"error_code\":40401,\"message\":\"Subject 'nope' not found.\"}"));

        assertThatThrownBy(() -> client(3).latest("nope"))
                .isInstanceOf(SubjectNotFoundException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void schemasByIdAreFetchedOnceThenServedFromTheCache() {
        script.add(new Answer(200, "{\"schema\":" + quote(SCHEMA) + "}"));
        RestSchemaRegistryClient client = client(1);

        Schema first = client.schemaById(3);
        Schema second = client.schemaById(3);

        assertThat(second).isSameAs(first);
        assertThat(first.getName()).isEqualTo("P");
        assertThat(requests).containsExactly("GET /schemas/ids/3");
    }

    @Test
    void aRegistryThatDoesNotListenIsUnreachableAfterTheConfiguredAttempts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                "http://127.0.0.1:" + closedPort,
                RegistryClientSettings.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(10)));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(RegistryUnreachableException.class)
                .hasMessageContaining("unreachable after 3 attempts");
    }

    @Test
    void aSecondUrlIsTriedWhenTheFirstFails() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        script.add(new Answer(200, "{\"schema\":" + quote(SCHEMA) + "}"));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                "http://127.0.0.1:" + closedPort + ", http://127.0.0.1:"
                        + server.getAddress().getPort(),
                RegistryClientSettings.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(10)));

        assertThat(client.schemaById(9).getName()).isEqualTo("P");
    }

    @Test
    void urlsMustBeHttp() {
        assertThatThrownBy(() -> new RestSchemaRegistryClient("ftp://registry")).hasMessageContaining("http");
        assertThatThrownBy(() -> new RestSchemaRegistryClient(" ")).hasMessageContaining("schema.registry.url");
    }

    private static String quote(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }
}
