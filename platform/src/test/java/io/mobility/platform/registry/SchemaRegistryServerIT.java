package io.mobility.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.platform.PortInUseException;
import io.mobility.platform.kafka.EmbeddedKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry over real HTTP with raw JSON, as any Confluent client would talk to it, stored on a real broker. */
class SchemaRegistryServerIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String V1 = """
            {"type":"record","name":"Ride","namespace":"test","fields":[
              {"name":"ride_id","type":"string"},{"name":"fare","type":"double"}]}""";
    /** V1 plus an optional field with a default: BACKWARD compatible. */
    private static final String V2 = """
            {"type":"record","name":"Ride","namespace":"test","fields":[
              {"name":"ride_id","type":"string"},{"name":"fare","type":"double"},
              {"name":"tip","type":["null","double"],"default":null}]}""";
    /** fare changes type: incompatible in every direction. */
    private static final String FARE_AS_STRING = """
            {"type":"record","name":"Ride","namespace":"test","fields":[
              {"name":"ride_id","type":"string"},{"name":"fare","type":"string"}]}""";

    private static final String ZONE = """
            {"type":"record","name":"Zone","namespace":"test","fields":[{"name":"zone_id","type":"int"}]}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;
    private static final List<SchemaRegistryServer> extraRegistries = new ArrayList<>();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder().start();
        registry = new SchemaRegistryServer(kafka.bootstrapServers()).start();
    }

    @AfterAll
    static void stop() {
        extraRegistries.forEach(SchemaRegistryServer::close);
        registry.close();
        kafka.close();
    }

    @Test
    void registeringTheSameSchemaAgainKeepsItsIdAndVersion() throws Exception {
        Reply first = register(registry, "rides-value", V1);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header()).isEqualTo(CONTENT_TYPE);
        int id = first.json().get("id").asInt();
        assertThat(id).isPositive();

        assertThat(register(registry, "rides-value", V1).json().get("id").asInt())
                .isEqualTo(id);
        String spaced = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(V1));
        assertThat(spaced).isNotEqualTo(V1);
        assertThat(register(registry, "rides-value", spaced).json().get("id").asInt())
                .isEqualTo(id);

        assertThat(get(registry, "/subjects/rides-value/versions").json().toString())
                .isEqualTo("[1]");
    }

    @Test
    void theSameSchemaUnderAnotherSubjectGetsTheSameGlobalId() throws Exception {
        int a = register(registry, "shared-a-value", ZONE).json().get("id").asInt();
        int b = register(registry, "shared-b-value", ZONE).json().get("id").asInt();

        assertThat(b).isEqualTo(a);
        assertThat(texts(get(registry, "/subjects").json())).contains("shared-a-value", "shared-b-value");
        assertThat(get(registry, "/subjects/shared-b-value/versions/latest")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void schemasAreReadBackByIdByVersionAndByContent() throws Exception {
        int id1 = register(registry, "lookup-value", V1).json().get("id").asInt();
        int id2 = register(registry, "lookup-value", V2).json().get("id").asInt();
        assertThat(id2).isGreaterThan(id1);
        String canonicalV2 = new Schema.Parser().parse(V2).toString();

        JsonNode byId = get(registry, "/schemas/ids/" + id2).json();
        assertThat(byId.get("schema").asText()).isEqualTo(canonicalV2);

        JsonNode latest =
                get(registry, "/subjects/lookup-value/versions/latest").json();
        assertThat(latest.get("subject").asText()).isEqualTo("lookup-value");
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(id2);
        assertThat(latest.get("schema").asText()).isEqualTo(canonicalV2);
        JsonNode first = get(registry, "/subjects/lookup-value/versions/1").json();
        assertThat(first.get("id").asInt()).isEqualTo(id1);
        assertThat(get(registry, "/subjects/lookup-value/versions").json().toString())
                .isEqualTo("[1,2]");

        Reply found = post(registry, "/subjects/lookup-value", schemaBody(V1));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("subject").asText()).isEqualTo("lookup-value");
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(found.json().get("id").asInt()).isEqualTo(id1);
        assertThat(found.json().get("schema").asText())
                .isEqualTo(new Schema.Parser().parse(V1).toString());

        assertError(post(registry, "/subjects/lookup-value", schemaBody(ZONE)), 404, 40403);
        assertError(post(registry, "/subjects/no-such-subject", schemaBody(V1)), 404, 40401);
    }

    @Test
    void compatibilityEndpointJudgesAgainstTheSubjectLevel() throws Exception {
        register(registry, "compat-value", V1);

        Reply optionalField = post(registry, "/compatibility/subjects/compat-value/versions/latest", schemaBody(V2));
        assertThat(optionalField.json().get("is_compatible").asBoolean()).isTrue();
        assertThat(optionalField.json().has("messages")).isFalse();

        Reply typeChange = post(
                registry, "/compatibility/subjects/compat-value/versions/1?verbose=true", schemaBody(FARE_AS_STRING));
        assertThat(typeChange.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(texts(typeChange.json().get("messages")))
                .anySatisfy(m -> assertThat(m).contains("fare"));

        Reply againstAll = post(registry, "/compatibility/subjects/compat-value/versions", schemaBody(FARE_AS_STRING));
        assertThat(againstAll.json().get("is_compatible").asBoolean()).isFalse();
        assertError(post(registry, "/compatibility/subjects/compat-value/versions/9", schemaBody(V2)), 404, 40402);
    }

    @Test
    void anIncompatibleRegistrationIsRefusedWith409() throws Exception {
        register(registry, "strict-value", V1);

        Reply refused = register(registry, "strict-value", FARE_AS_STRING);

        assertError(refused, 409, 409);
        assertThat(refused.json().get("message").asText())
                .contains("incompatible")
                .contains("strict-value")
                .contains("fare");
        assertThat(get(registry, "/subjects/strict-value/versions").json().toString())
                .isEqualTo("[1]");
    }

    @Test
    void badRequestsGetConfluentErrorCodes() throws Exception {
        Reply unknownId = get(registry, "/schemas/ids/99999");
        assertError(unknownId, 404, 40403);
        assertThat(unknownId.json().get("message").asText()).isEqualTo("Schema 99999 not found");
        assertError(get(registry, "/subjects/nobody-value/versions"), 404, 40401);
        assertError(get(registry, "/subjects/nobody-value/versions/latest"), 404, 40401);

        Reply unparsable = register(registry, "bad-value", "{\"type\": \"record\", \"name\": ");
        assertError(unparsable, 422, 42201);
        Reply unknownType = register(
                registry,
                "bad-value",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":" + "[{\"name\":\"a\",\"type\":\"no.such.Type\"}]}");
        assertError(unknownType, 422, 42201);
        assertThat(unknownType.json().get("message").asText()).contains("no.such.Type");
        Reply protobuf = post(
                registry,
                "/subjects/bad-value/versions",
                Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF"));
        assertError(protobuf, 422, 42201);
        assertThat(protobuf.json().get("message").asText()).contains("PROTOBUF");
        assertThat(texts(get(registry, "/subjects").json())).doesNotContain("bad-value");

        register(registry, "versioned-value", V1);
        assertError(get(registry, "/subjects/versioned-value/versions/7"), 404, 40402);
        assertError(get(registry, "/subjects/versioned-value/versions/abc"), 422, 42202);
        assertError(put(registry, "/config/versioned-value", Map.of("compatibility", "SIDEWAYS")), 422, 42203);
        assertError(get(registry, "/no/such/route"), 404, 404);
        assertError(send(registry, "DELETE", "/schemas/ids/1", null), 405, 405);
    }

    @Test
    void aSubjectLevelChangesWhatTheSubjectAccepts() throws Exception {
        register(registry, "loose-value", V1);
        register(registry, "other-value", V1);
        assertThat(get(registry, "/config").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertError(get(registry, "/config/loose-value"), 404, 40408);
        assertThat(get(registry, "/config/loose-value?defaultToGlobal=true")
                        .json()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");

        Reply set = put(registry, "/config/loose-value", Map.of("compatibility", "NONE"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(get(registry, "/config/loose-value")
                        .json()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");

        assertThat(register(registry, "loose-value", FARE_AS_STRING).status()).isEqualTo(200);
        assertThat(get(registry, "/subjects/loose-value/versions").json().toString())
                .isEqualTo("[1,2]");
        assertError(register(registry, "other-value", FARE_AS_STRING), 409, 409);
    }

    @Test
    void theGlobalLevelAppliesToSubjectsWithoutTheirOwn() throws Exception {
        SchemaRegistryServer own = startExtra("_schemas_global");
        register(own, "rides-value", V1);
        assertError(register(own, "rides-value", FARE_AS_STRING), 409, 409);

        Reply set = put(own, "/config", Map.of("compatibility", "none"));
        assertThat(set.json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(get(own, "/config").json().get("compatibilityLevel").asText())
                .isEqualTo("NONE");

        assertThat(register(own, "rides-value", FARE_AS_STRING).status()).isEqualTo(200);
        // FULL: an optional field with a default reads both ways; a new field without default does not.
        put(own, "/config", Map.of("compatibility", "FULL"));
        String withTip = FARE_AS_STRING.replace(
                "\"type\":\"string\"}]}",
                "\"type\":\"string\"},{\"name\":\"tip\",\"type\":[\"null\",\"double\"],\"default\":null}]}");
        String withCity = FARE_AS_STRING.replace(
                "\"type\":\"string\"}]}", "\"type\":\"string\"},{\"name\":\"city\",\"type\":\"string\"}]}");
        assertThat(withTip).contains("tip");
        assertThat(withCity).contains("city");
        assertThat(post(own, "/compatibility/subjects/rides-value/versions/latest", schemaBody(withTip))
                        .json()
                        .get("is_compatible")
                        .asBoolean())
                .isTrue();
        assertThat(post(own, "/compatibility/subjects/rides-value/versions/latest", schemaBody(withCity))
                        .json()
                        .get("is_compatible")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aRestartedRegistryKeepsIdsVersionsAndLevels() throws Exception {
        String topic = "_schemas_restart";
        int v1;
        int v2;
        int zone;
        try (SchemaRegistryServer before = new SchemaRegistryServer(kafka.bootstrapServers(), 0, topic).start()) {
            v1 = register(before, "rides-value", V1).json().get("id").asInt();
            v2 = register(before, "rides-value", V2).json().get("id").asInt();
            zone = register(before, "zones-value", ZONE).json().get("id").asInt();
            put(before, "/config", Map.of("compatibility", "FULL"));
            put(before, "/config/zones-value", Map.of("compatibility", "NONE"));
        }

        SchemaRegistryServer after = startExtra(topic);
        assertThat(get(after, "/schemas/ids/" + v1).json().get("schema").asText())
                .isEqualTo(new Schema.Parser().parse(V1).toString());
        assertThat(get(after, "/subjects/rides-value/versions").json().toString())
                .isEqualTo("[1,2]");
        assertThat(get(after, "/subjects/rides-value/versions/2")
                        .json()
                        .get("id")
                        .asInt())
                .isEqualTo(v2);
        assertThat(get(after, "/subjects/zones-value/versions/latest")
                        .json()
                        .get("id")
                        .asInt())
                .isEqualTo(zone);
        assertThat(get(after, "/config").json().get("compatibilityLevel").asText())
                .isEqualTo("FULL");
        assertThat(get(after, "/config/zones-value")
                        .json()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
        assertThat(register(after, "rides-value", V1).json().get("id").asInt()).isEqualTo(v1);

        int next = register(after, "zones-value", V1.replace("Ride", "Trip"))
                .json()
                .get("id")
                .asInt();
        assertThat(next).isEqualTo(Math.max(v2, zone) + 1);
    }

    @Test
    void aTakenPortFailsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            SchemaRegistryServer blocked =
                    new SchemaRegistryServer(kafka.bootstrapServers(), taken.getLocalPort(), "_schemas_blocked");
            assertThatThrownBy(blocked::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Schema registry cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static SchemaRegistryServer startExtra(String topic) {
        SchemaRegistryServer server = new SchemaRegistryServer(kafka.bootstrapServers(), 0, topic).start();
        extraRegistries.add(server);
        return server;
    }

    private record Reply(int status, JsonNode json, String header) {}

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(status);
        if (errorCode > 0) {
            assertThat(reply.json().get("error_code").asInt())
                    .as(reply.json().toString())
                    .isEqualTo(errorCode);
            assertThat(reply.json().get("message").asText()).isNotBlank();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static Map<String, String> schemaBody(String schema) {
        return Map.of("schema", schema);
    }

    private static Reply register(SchemaRegistryServer server, String subject, String schema) throws Exception {
        return post(server, "/subjects/" + subject + "/versions", Map.of("schema", schema, "schemaType", "AVRO"));
    }

    private static Reply get(SchemaRegistryServer server, String path) throws Exception {
        return send(server, "GET", path, null);
    }

    private static Reply post(SchemaRegistryServer server, String path, Object body) throws Exception {
        return send(server, "POST", path, body);
    }

    private static Reply put(SchemaRegistryServer server, String path, Object body) throws Exception {
        return send(server, "PUT", path, body);
    }

    private static Reply send(SchemaRegistryServer server, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE)
                .method(method, publisher)
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(
                response.statusCode(),
                JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }
}
