package io.mobility.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mobility.registry.CompatibilityLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the Confluent Schema Registry REST API (the subset Avro producers, consumers and Connect converters use) onto
 * {@link SchemaRegistry}, with Confluent's JSON shapes and error codes.
 */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_BODY_TYPES = Set.of(
            "application/vnd.schemaregistry.v1+json",
            "application/vnd.schemaregistry+json",
            "application/json",
            "application/octet-stream");
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private static final String REALM = "Basic realm=\"schema-registry\", charset=\"UTF-8\"";

    private final ObjectMapper json = new ObjectMapper();
    private final SchemaRegistry registry;
    private final int maxRequestBytes;
    /** SHA-256 of {@code user:password}, or null when the registry is open. */
    private final byte[] expectedCredentials;

    RegistryHttpHandler(SchemaRegistry registry, RegistryHttpSettings settings) {
        this.registry = registry;
        this.maxRequestBytes = settings.maxRequestBytes();
        this.expectedCredentials =
                settings.basicAuthUserInfo().map(RegistryHttpHandler::sha256).orElse(null);
    }

    /** A response: its status and its JSON body. */
    private record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            authenticate(exchange);
            refuseDeclaredOversizeBody(exchange);
            reply = route(exchange);
        } catch (RegistryException e) {
            reply = error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            reply = error(500, 500, "Internal error: " + e);
        }
        log.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI(), reply.status());
        byte[] body = json.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        if (reply.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", REALM);
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** With basic auth on, the request's credentials must match; compared in constant time. */
    private void authenticate(HttpExchange exchange) {
        if (expectedCredentials == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new RegistryException(
                    401,
                    401,
                    "Unauthorized: this registry requires HTTP basic authentication"
                            + " (clients: basic.auth.credentials.source=USER_INFO,"
                            + " basic.auth.user.info=user:password)");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(401, 401, "Unauthorized: the Authorization header is not valid Base64");
        }
        // Hashing first makes the comparison independent of the lengths too.
        if (!MessageDigest.isEqual(sha256(given), expectedCredentials)) {
            throw new RegistryException(401, 401, "Unauthorized: wrong user name or password");
        }
    }

    /** A declared length over the limit is refused before a byte of the body is read. */
    private void refuseDeclaredOversizeBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new RegistryException(400, 400, "Bad Content-Length header: " + declared);
        }
        if (length > maxRequestBytes) {
            throw tooLarge("declares " + length + " bytes");
        }
    }

    private RegistryException tooLarge(String what) {
        return new RegistryException(
                413,
                413,
                "Request body too large: it " + what + ", this registry accepts at" + " most " + maxRequestBytes
                        + " bytes");
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int size = path.size();
        String first = size > 0 ? path.get(0) : "";

        if (size == 0) {
            return only(method, "GET", () -> Reply.ok(Map.of()));
        }
        if (first.equals("subjects")) {
            if (size == 1) {
                return only(method, "GET", () -> Reply.ok(registry.subjects()));
            }
            String subject = path.get(1);
            if (size == 2) {
                return only(method, "POST", () -> Reply.ok(version(registry.lookup(subject, schemaOf(exchange)))));
            }
            if (size == 3 && path.get(2).equals("versions")) {
                return switch (method) {
                    case "GET" -> Reply.ok(registry.versions(subject));
                    case "POST" -> Reply.ok(Map.of("id", registry.register(subject, schemaOf(exchange))));
                    default -> methodNotAllowed(method, exchange);
                };
            }
            if (size == 4 && path.get(2).equals("versions")) {
                return only(method, "GET", () -> Reply.ok(version(registry.version(subject, path.get(3)))));
            }
            if (size == 5 && path.get(2).equals("versions") && path.get(4).equals("schema")) {
                return only(
                        method,
                        "GET",
                        () -> Reply.ok(json.readTree(
                                registry.version(subject, path.get(3)).schema())));
            }
        }
        if (first.equals("schemas")) {
            if (size == 2 && path.get(1).equals("types")) {
                return only(method, "GET", () -> Reply.ok(List.of("AVRO")));
            }
            if (size == 3 && path.get(1).equals("ids")) {
                return only(method, "GET", () -> Reply.ok(Map.of("schema", registry.schemaById(path.get(2)))));
            }
        }
        if (first.equals("compatibility")
                && size >= 4
                && path.get(1).equals("subjects")
                && path.get(3).equals("versions")
                && size <= 5) {
            String subject = path.get(2);
            Optional<String> version = size == 5 ? Optional.of(path.get(4)) : Optional.empty();
            return only(method, "POST", () -> {
                List<String> problems = registry.incompatibilities(subject, version, schemaOf(exchange));
                ObjectNode result = json.createObjectNode().put("is_compatible", problems.isEmpty());
                if (Boolean.parseBoolean(query.get("verbose"))) {
                    result.set("messages", json.valueToTree(problems));
                }
                return Reply.ok(result);
            });
        }
        if (first.equals("config") && size <= 2) {
            Optional<String> subject = size == 2 ? Optional.of(path.get(1)) : Optional.empty();
            return switch (method) {
                case "GET" -> {
                    CompatibilityLevel level = subject.isPresent()
                            ? registry.subjectLevel(subject.get(), Boolean.parseBoolean(query.get("defaultToGlobal")))
                            : registry.globalLevel();
                    yield Reply.ok(Map.of("compatibilityLevel", level.name()));
                }
                case "PUT" -> {
                    JsonNode body = body(exchange);
                    JsonNode level = body.get("compatibility");
                    if (level == null || !level.isTextual()) {
                        throw RegistryException.invalidCompatibilityLevel(String.valueOf(level));
                    }
                    yield Reply.ok(Map.of(
                            "compatibility",
                            registry.setLevel(subject, level.asText()).name()));
                }
                default -> methodNotAllowed(method, exchange);
            };
        }
        return error(
                404,
                404,
                "HTTP 404 Not Found: no registry endpoint at "
                        + exchange.getRequestURI().getPath());
    }

    /** The "schema" of a request body, after checking that it is an Avro schema without references. */
    private String schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw RegistryException.invalidSchema(
                    "unsupported schemaType '" + type + "': this registry supports AVRO only");
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by this registry;"
                    + " register the schema with its named types inlined");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.invalidSchema("the request body has no \"schema\" string field");
        }
        return schema.asText();
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
                throw new RegistryException(
                        415,
                        415,
                        "HTTP 415 Unsupported Media Type: send " + CONTENT_TYPE + " or application/json, not "
                                + contentType);
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            // One byte over the limit tells a body without Content-Length (chunked) that is too long.
            bytes = in.readNBytes(maxRequestBytes + 1);
        }
        if (bytes.length > maxRequestBytes) {
            throw tooLarge("has more than " + maxRequestBytes + " bytes");
        }
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new RegistryException(400, 400, "The request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Malformed JSON request body: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> version(SubjectVersion schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", schema.subject());
        body.put("version", schema.version());
        body.put("id", schema.id());
        body.put("schema", schema.schema());
        return body;
    }

    private interface Action {
        Reply run() throws IOException;
    }

    private Reply only(String method, String allowed, Action action) throws IOException {
        if (!method.equals(allowed)) {
            return new Reply(405, errorBody(405, "HTTP 405 Method Not Allowed: use " + allowed + ", not " + method));
        }
        return action.run();
    }

    private Reply methodNotAllowed(String method, HttpExchange exchange) {
        return new Reply(
                405,
                errorBody(
                        405,
                        "HTTP 405 Method Not Allowed: " + method + " "
                                + exchange.getRequestURI().getPath()));
    }

    private Reply error(int status, int code, String message) {
        return new Reply(status, errorBody(code, message));
    }

    private Map<String, Object> errorBody(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return body;
    }

    /** Path segments, each percent-decoded on its own so that a subject may contain an encoded '/'. */
    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(RegistryHttpHandler::decode)
                .toList();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return params;
    }

    /**
     * Percent-decodes one path segment or query part as UTF-8 ('+' stays a plus sign, as in a URI path). A broken
     * escape or bytes that are not UTF-8 are the client's error, 400, not a subject named with replacement characters.
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c != '%') {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
                continue;
            }
            int high = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw badEscape(s, "'%' is not followed by two hex digits");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw badEscape(s, "its escapes are not UTF-8");
        }
    }

    private static RegistryException badEscape(String part, String why) {
        return new RegistryException(400, 400, "Bad percent-escape in the URL: '" + part + "': " + why);
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
