package io.mobility.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.platform.kafka.EmbeddedKafka;
import io.mobility.registry.RegistryClientSettings;
import io.mobility.registry.RestSchemaRegistryClient;
import io.mobility.registry.SchemaRegistryException;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerializer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A registry with basic auth on, used by this project's serde as a Confluent client would configure it. */
class RegistryBasicAuthIT {

    private static final String USER = "registry-user";
    /** Made per run: no password is written in the repository. */
    private static final String PASSWORD = UUID.randomUUID().toString();

    private static final String TOPIC = "rides-auth";

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder().start();
        RegistryHttpSettings settings = RegistryHttpSettings.fromEnvironment(
                Map.of(RegistryHttpSettings.USER_INFO_VARIABLE, USER + ":" + PASSWORD));
        registry = new SchemaRegistryServer(
                        kafka.bootstrapServers(), 0, "auth-schemas", InetAddress.getLoopbackAddress(), settings)
                .start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        kafka.close();
    }

    @Test
    void theSerdeWithUserInfoRegistersAndReadsBack() {
        RideEvent ride = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig(USER + ":" + PASSWORD), false);
        byte[] bytes = serializer.serialize(TOPIC, ride);

        // A second client: nothing cached, the schema is read from the registry by id.
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        Map<String, Object> readerConfig = serdeConfig(USER + ":" + PASSWORD);
        readerConfig.put("specific.avro.reader", true);
        deserializer.configure(readerConfig, false);

        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(ride);
        assertThat(new RestSchemaRegistryClient(
                                registry.url(),
                                RegistryClientSettings.defaults().withBasicAuth(USER + ":" + PASSWORD))
                        .subjects())
                .contains(TOPIC + "-value");
    }

    @Test
    void theSerdeWithoutCredentialsFailsNamingHttp401() {
        AvroSerializer<RideEvent> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        RideEvent ride = ExampleEvents.ride(RideEventType.RIDE_REQUESTED);
        assertThatThrownBy(() -> serializer.serialize("rides-anonymous", ride))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("requires HTTP basic authentication");
    }

    @Test
    void aWrongPasswordIsRefusedWith401() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                registry.url(), RegistryClientSettings.defaults().withBasicAuth(USER + ":not-" + PASSWORD));

        assertThatThrownBy(client::subjects)
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo(401);
                })
                .hasMessageContaining("wrong user name or password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void anAnonymousRequestGets401WithAChallengeAndConfluentsErrorJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic realm="));
        JsonNode error = new ObjectMapper().readTree(anonymous.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(401);

        String credentials =
                Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> authenticated = http.send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
                        .header("Authorization", "Basic " + credentials)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(authenticated.statusCode()).isEqualTo(200);
    }

    @Test
    void credentialsFromTheEnvironmentMustBeUserColonPasswordAndAreNeverShown() {
        assertThat(RegistryHttpSettings.fromEnvironment(Map.of()).basicAuthUser())
                .isEmpty();
        assertThat(registry.httpSettings().basicAuthUser()).contains(USER);
        assertThat(registry.httpSettings().toString()).contains(USER).doesNotContain(PASSWORD);
        assertThatThrownBy(() -> RegistryHttpSettings.fromEnvironment(
                        Map.of(RegistryHttpSettings.USER_INFO_VARIABLE, "only-a-secret-word")))
                .hasMessage(RegistryHttpSettings.USER_INFO_VARIABLE + " must be user:password, with both parts"
                        + " non-empty");
    }

    /** What a Confluent client sets for basic auth; this serde reads {@code basic.auth.user.info}. */
    private static Map<String, Object> serdeConfig(String userInfo) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", registry.url());
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("basic.auth.user.info", userInfo);
        return config;
    }
}
