package io.mobility.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mobility.platform.kafka.EmbeddedKafka;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the registry does with requests that could hurt it or its clients, over real HTTP on a real broker: bodies
 * over its limit, URLs with bad escapes, and reads arriving while a registration waits on Kafka.
 */
class RegistryRequestLimitsIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String V1 = """
            {"type":"record","name":"Ride","namespace":"test","fields":[{"name":"ride_id","type":"string"}]}""";
    private static final String V2 = """
            {"type":"record","name":"Ride","namespace":"test","fields":[{"name":"ride_id","type":"string"},
              {"name":"tip","type":["null","double"],"default":null}]}""";
    private static final int SMALL_LIMIT = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedKafka kafka;
    /** Default settings: 1 MiB bodies. */
    private static SchemaRegistryServer registry;
    /** A small body limit, so that a body over it is quick to send. */
    private static SchemaRegistryServer small;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder().start();
        registry = new SchemaRegistryServer(kafka.bootstrapServers(), 0, "limits-schemas").start();
        small = new SchemaRegistryServer(
                        kafka.bootstrapServers(),
                        0,
                        "small-schemas",
                        InetAddress.getLoopbackAddress(),
                        RegistryHttpSettings.defaults().withMaxRequestBytes(SMALL_LIMIT))
                .start();
    }

    @AfterAll
    static void stop() {
        if (small != null) {
            small.close();
        }
        if (registry != null) {
            registry.close();
        }
        kafka.close();
    }

    @Test
    void theDefaultLimitIsOneMebibyte() {
        assertThat(registry.httpSettings().maxRequestBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
        // Headers only: the registry must answer without waiting for the 2 MiB it was promised.
        String answer = raw(
                registry,
                "POST /subjects/big-value/versions HTTP/1.1\r\nHost: localhost\r\n" + "Content-Type: " + CONTENT_TYPE
                        + "\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\n\r\n");

        assertThat(statusOf(answer)).isEqualTo(413);
        JsonNode error = JSON.readTree(bodyOf(answer));
        assertThat(error.get("error_code").asInt()).isEqualTo(413);
        assertThat(error.get("message").asText()).contains("2097152").contains("at most 1048576 bytes");
        assertThat(send(registry, "GET", "/subjects", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413AndTheRegistryKeepsServing() throws Exception {
        byte[] oversized = schemaBody(recordWithDoc("Big", SMALL_LIMIT + 4096)).getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(small.url() + "/subjects/big-value/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)))
                .timeout(Duration.ofSeconds(10))
                .build();

        HttpResponse<String> refused = HTTP.send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).contains(CONTENT_TYPE);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(413);
        assertThat(error.get("message").asText()).contains("at most " + SMALL_LIMIT + " bytes");
        assertThat(send(small, "GET", "/subjects/big-value/versions", null).statusCode())
                .as("nothing was registered")
                .isEqualTo(404);

        String fits = schemaBody(recordWithDoc("Fits", SMALL_LIMIT - 1024));
        assertThat(fits.length()).isLessThan(SMALL_LIMIT);
        HttpResponse<String> registered = send(small, "POST", "/subjects/fits-value/versions", fits);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(JSON.readTree(registered.body()).get("id").asInt()).isPositive();
    }

    @Test
    void aPathWhoseEscapesAreNotUtf8IsA400WithConfluentsErrorJson() throws Exception {
        HttpResponse<String> answer = send(registry, "GET", "/subjects/rides%FF-value/versions", null);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).contains("Bad percent-escape").contains("rides%FF-value");
    }

    @Test
    void aPathWithABrokenEscapeIsA400AndTheRegistryKeepsServing() throws Exception {
        // A '%' without two hex digits is not a URI: the JDK's HTTP server refuses it before the registry sees it.
        String answer = raw(registry, "GET /subjects/rides%zz/versions HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(statusOf(answer)).isEqualTo(400);
        assertThat(send(registry, "GET", "/subjects", null).statusCode()).isEqualTo(200);
    }

    @Test
    void readsAreAnsweredWhileARegistrationWaitsOnKafka() throws Exception {
        int id1 = JSON.readTree(send(registry, "POST", "/subjects/stall-value/versions", schemaBody(V1))
                        .body())
                .get("id")
                .asInt();
        // The next write to Kafka waits until the test lets it go, as a write to a slow or failing-over broker does.
        CountDownLatch writeStarted = new CountDownLatch(1);
        CountDownLatch kafkaAnswers = new CountDownLatch(1);
        registry.store().beforeAppend(() -> {
            writeStarted.countDown();
            try {
                kafkaAnswers.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<HttpResponse<String>> registration;
        try {
            registration = HTTP.sendAsync(
                    request(registry, "POST", "/subjects/stall-value/versions", schemaBody(V2)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(writeStarted.await(10, TimeUnit.SECONDS))
                    .as("the registration reached Kafka")
                    .isTrue();

            for (String path : List.of(
                    "/schemas/ids/" + id1,
                    "/subjects",
                    "/subjects/stall-value/versions",
                    "/subjects/stall-value/versions/latest",
                    "/config")) {
                long started = System.nanoTime();
                HttpResponse<String> read = send(registry, "GET", path, null);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(read.statusCode()).as(path + ": " + read.body()).isEqualTo(200);
                assertThat(millis).as("GET " + path + " answered in ms").isLessThan(1000);
            }
            assertThat(send(registry, "GET", "/subjects/stall-value/versions", null)
                            .body())
                    .as("a change Kafka has not taken is not visible")
                    .isEqualTo("[1]");
            assertThat(registration).as("the registration still waits on Kafka").isNotDone();
        } finally {
            registry.store().beforeAppend(() -> {});
            kafkaAnswers.countDown();
        }

        HttpResponse<String> registered = registration.get(20, TimeUnit.SECONDS);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        int id2 = JSON.readTree(registered.body()).get("id").asInt();
        assertThat(id2).isGreaterThan(id1);
        assertThat(send(registry, "GET", "/subjects/stall-value/versions", null).body())
                .isEqualTo("[1,2]");
        assertThat(JSON.readTree(send(registry, "GET", "/schemas/ids/" + id2, null)
                                .body())
                        .get("schema")
                        .asText())
                .contains("tip");
    }

    /** A record schema whose doc string pads it to about {@code size} characters. */
    private static String recordWithDoc(String name, int size) {
        ObjectNode schema = JSON.createObjectNode()
                .put("type", "record")
                .put("name", name)
                .put("namespace", "test")
                .put("doc", "x".repeat(size));
        schema.putArray("fields").addObject().put("name", "id").put("type", "string");
        return schema.toString();
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static HttpRequest request(SchemaRegistryServer server, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", CONTENT_TYPE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static HttpResponse<String> send(SchemaRegistryServer server, String method, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(request(server, method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code request} as is (no client would send it) and reads the answer until the server closes. */
    private static String raw(SchemaRegistryServer server, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int length = head.lines()
                    .filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .map(l -> Integer.parseInt(
                            l.substring("content-length:".length()).trim()))
                    .findFirst()
                    .orElse(0);
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int statusOf(String answer) {
        return Integer.parseInt(answer.split(" ", 3)[1]);
    }

    private static String bodyOf(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}
