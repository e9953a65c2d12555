package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.mobility.platform.LocalPlatform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 6,000 random and malformed bodies against the three prediction endpoints: not one may get a 5xx, and every refusal
 * must be a JSON error whose status matches the HTTP status.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FuzzIT {

    static final LocalPlatform PLATFORM = SharedPlatform.get();
    static final DropwizardAppExtension<InferenceConfiguration> APP = new DropwizardAppExtension<>(
            InferenceApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("lake", Lake.copy().toString()),
            ConfigOverride.config("zoneState.bootstrapServers", PLATFORM.bootstrapServers()),
            ConfigOverride.config("zoneState.schemaRegistryUrl", PLATFORM.registryUrl()));

    private static final int BODIES = 6_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] PATHS = {"/v1/demand/predictions", "/v1/surge/predictions", "/v1/predictions/batch"};

    @Test
    void noBodyGetsA5xx() throws Exception {
        Instant now = Instant.now();
        ZoneStates.publish(
                PLATFORM, ZoneStates.state("132", 30, 9, 10, now, now), ZoneStates.state("48", 6, 1, 4, now, now));
        long seed = System.nanoTime();
        System.out.println("fuzz seed " + seed);
        Http http = new Http(APP.getLocalPort(), null);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            Random random = new Random(seed + worker);
            futures.add(clients.submit(() -> {
                for (int i = 0; i < BODIES / 4; i++) {
                    String path = PATHS[random.nextInt(PATHS.length)];
                    byte[] body = body(random, path);
                    String type = random.nextInt(20) == 0 ? "text/plain" : "application/json";
                    Http.Reply reply;
                    try {
                        reply = http.post(path, body, type);
                    } catch (java.io.UncheckedIOException e) {
                        // No answer at all is as bad as a 5xx: the client cannot tell what was wrong.
                        String text = new String(body, StandardCharsets.UTF_8);
                        problems.add("no answer (" + e.getCause().getMessage() + ") for " + type + " " + path + " "
                                + body.length + " bytes: " + text.substring(0, Math.min(text.length(), 200)));
                        statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        continue;
                    }
                    statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                    check(reply, path, body, problems);
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        clients.shutdown();
        System.out.println("fuzz statuses " + statuses);

        assertThat(problems).isEmpty();
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(BODIES);
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
        // The mutations keep some bodies valid, so the happy path is exercised too.
        assertThat(statuses.get(200)).isNotNull();
        assertThat(statuses.get(200).get()).isGreaterThan(100);
    }

    private static void check(Http.Reply reply, String path, byte[] body, List<String> problems) {
        String text = new String(body, StandardCharsets.UTF_8);
        String what = reply.status() + " for " + path + " " + text.substring(0, Math.min(text.length(), 200)) + " -> "
                + reply.body();
        if (reply.status() >= 500) {
            problems.add(what);
            return;
        }
        if (reply.status() != 200) {
            try {
                JsonNode error = MAPPER.readTree(reply.body());
                if (error.get("status").asInt() != reply.status()
                        || !error.hasNonNull("error")
                        || !error.hasNonNull("message")) {
                    problems.add("incomplete error: " + what);
                }
            } catch (Exception e) {
                problems.add("error not JSON: " + what);
            }
        }
    }

    private static byte[] body(Random random, String path) {
        int kind = random.nextInt(10);
        try {
            return switch (kind) {
                case 0 -> randomBytes(random);
                case 1 -> truncate(random, MAPPER.writeValueAsBytes(valid(random, path)));
                case 2 -> randomJson(random, 0).toString().getBytes(StandardCharsets.UTF_8);
                case 3 -> nested(random).getBytes(StandardCharsets.UTF_8);
                default -> MAPPER.writeValueAsBytes(mutate(random, valid(random, path)));
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode valid(Random random, String path) {
        return switch (path) {
            case "/v1/demand/predictions" -> demand(random);
            case "/v1/surge/predictions" -> surge(random);
            default -> {
                ObjectNode batch = NODES.objectNode();
                ArrayNode items = batch.putArray("items");
                for (int i = random.nextInt(7); i > 0; i--) {
                    items.add(
                            random.nextBoolean()
                                    ? demand(random).put("type", "demand")
                                    : surge(random).put("type", "surge"));
                }
                yield batch;
            }
        };
    }

    private static ObjectNode demand(Random random) {
        ObjectNode node = NODES.objectNode()
                .put("zone_id", random.nextBoolean() ? "132" : "48")
                .put(
                        "hour",
                        Instant.parse("2026-11-27T00:00:00Z")
                                .plusSeconds(random.nextInt(400_000))
                                .toString());
        if (random.nextBoolean()) {
            node.putObject("overrides").put("lag_1h", random.nextInt(40));
        }
        return node;
    }

    private static ObjectNode surge(Random random) {
        ObjectNode node = NODES.objectNode().put("zone_id", random.nextBoolean() ? "132" : "48");
        if (random.nextBoolean()) {
            node.put(
                    "time",
                    Instant.parse("2026-11-27T00:00:00Z")
                            .plusSeconds(random.nextInt(400_000))
                            .toString());
        }
        return node;
    }

    /** Changes one field (or one batch item's field): removed, retyped, or a new unknown field. */
    private static JsonNode mutate(Random random, ObjectNode body) {
        ObjectNode target = body;
        if (body.has("items") && !body.get("items").isEmpty() && random.nextBoolean()) {
            JsonNode item =
                    body.get("items").get(random.nextInt(body.get("items").size()));
            target = (ObjectNode) item;
        }
        List<String> fields = new ArrayList<>();
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            fields.add(names.next());
        }
        int choice = random.nextInt(5);
        if (choice == 0 || fields.isEmpty()) {
            target.set(random.nextBoolean() ? "pad" : randomString(random), randomJson(random, 0));
        } else if (choice == 1) {
            target.remove(fields.get(random.nextInt(fields.size())));
        } else if (choice == 2) {
            // leave it valid
        } else {
            target.set(fields.get(random.nextInt(fields.size())), randomJson(random, 0));
        }
        return body;
    }

    private static JsonNode randomJson(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 9 : 11)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(20) - 10));
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e" + random.nextInt(700)));
            case 5 -> NODES.textNode(randomString(random));
            case 6 ->
                NODES.textNode(Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L)
                        .toString());
            case 7 -> NODES.textNode("");
            case 8 -> NODES.numberNode(random.nextInt(300) - 50);
            case 9 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomString(random), randomJson(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x2FFFF) : 32 + random.nextInt(95));
        }
        return text.toString().replaceAll("[\\uD800-\\uDFFF]", "?");
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(6000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] truncate(Random random, byte[] json) {
        return java.util.Arrays.copyOf(json, random.nextInt(json.length));
    }

    private static String nested(Random random) {
        int depth = random.nextInt(3000);
        return "[".repeat(depth) + "]".repeat(random.nextInt(depth + 1));
    }
}
