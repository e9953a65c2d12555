package io.mobility.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent Schema Registry REST API (and for our in-process registry, which speaks the same
 * subset). Ids and registrations are cached for the life of the client: a schema id never changes meaning, so a warm
 * serializer or deserializer makes no network call. Failed calls are retried a bounded number of times, across the
 * given URLs, only when the failure says nothing about the request itself (I/O errors, 5xx, 408, 429).
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUris;
    private final RegistryClientSettings settings;
    private final HttpClient http;

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String urls) {
        this(urls, RegistryClientSettings.defaults());
    }

    /** @param urls comma-separated base URLs, e.g. {@code http://localhost:8081} */
    public RestSchemaRegistryClient(String urls, RegistryClientSettings settings) {
        this.baseUris = parseUrls(urls);
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> known = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = known.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject, -1);
        int id = answer.path("id").asInt();
        known.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, null, id);
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject, -1), subject);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            RegisteredSchema found =
                    registered(send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject, -1), subject);
            idsBySubject
                    .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
                    .put(schema, found.id());
            return Optional.of(found);
        } catch (SubjectNotFoundException e) {
            return Optional.empty();
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == ErrorCodes.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send(
                    "POST",
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema),
                    subject,
                    -1);
            return answer.path("is_compatible").asBoolean();
        } catch (SubjectNotFoundException e) {
            return true; // nothing registered yet: any first schema is compatible
        }
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null, null, -1).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private RegisteredSchema registered(JsonNode answer, String subject) {
        int id = answer.path("id").asInt();
        Schema schema =
                schemasById.computeIfAbsent(id, i -> parse(answer.path("schema").asText(), "schema id " + i));
        return new RegisteredSchema(
                answer.path("subject").asText(subject),
                id,
                answer.path("version").asInt(),
                schema);
    }

    private JsonNode send(String method, String path, String body, String subject, int schemaId) {
        RuntimeException lastFailure = null;
        int attempts = settings.maxAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            URI uri = baseUris.get((attempt - 1) % baseUris.size()).resolve(path);
            try {
                HttpResponse<String> response =
                        http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return JSON.readTree(response.body());
                }
                SchemaRegistryException failure = failure(status, response.body(), method, uri, subject, schemaId);
                if (!retryable(status)) {
                    throw failure;
                }
                lastFailure = failure;
            } catch (IOException e) {
                lastFailure = new RegistryUnreachableException(method + " " + uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnreachableException("Interrupted while calling " + method + " " + uri, e);
            }
            if (attempt < attempts) {
                LOG.warn(
                        "Schema registry call {} {} failed (attempt {}/{}): {}",
                        method,
                        uri,
                        attempt,
                        attempts,
                        lastFailure.getMessage());
                pause(settings.backoff().multipliedBy(1L << (attempt - 1)));
            }
        }
        if (lastFailure instanceof RegistryUnreachableException) {
            throw new RegistryUnreachableException(
                    "Schema registry at " + baseUris + " unreachable after " + attempts + " attempts: "
                            + lastFailure.getMessage(),
                    lastFailure.getCause());
        }
        throw lastFailure;
    }

    private HttpRequest request(String method, URI uri, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (settings.basicAuthUserInfo() != null) {
            builder.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(settings.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static SchemaRegistryException failure(
            int status, String body, String method, URI uri, String subject, int schemaId) {
        int errorCode = -1;
        String message = body;
        try {
            JsonNode error = JSON.readTree(body);
            errorCode = error.path("error_code").asInt(-1);
            message = error.path("message").asText(body);
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body as the message: a proxy's HTML error page still tells the user something
        }
        if (errorCode == ErrorCodes.SCHEMA_NOT_FOUND && schemaId >= 0) {
            return new UnknownSchemaIdException(schemaId, message);
        }
        if (errorCode == ErrorCodes.SUBJECT_NOT_FOUND) {
            return new SubjectNotFoundException(subject, message);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(subject, message);
        }
        return new SchemaRegistryException(
                method + " " + uri + " answered HTTP " + status + (errorCode >= 0 ? " (error " + errorCode + ")" : "")
                        + ": " + message,
                status,
                errorCode);
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static Schema parse(String json, String what) {
        try {
            return new Schema.Parser().parse(json);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(
                    "The registry returned an unparsable Avro schema for " + what + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<URI> parseUrls(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("No schema registry URL given (schema.registry.url)");
        }
        List<URI> uris = new ArrayList<>();
        for (String url : urls.split(",")) {
            String trimmed = url.trim();
            if (!trimmed.isEmpty()) {
                URI uri = URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/");
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("Schema registry URL '" + trimmed + "' must be http or https");
                }
                uris.add(uri);
            }
        }
        return List.copyOf(uris);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnreachableException("Interrupted while backing off", e);
        }
    }
}
