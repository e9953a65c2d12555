package io.mobility.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml as Docker Compose reads it: YAML anchors and merge keys ({@code <<}) resolved by
 * SnakeYAML (the parser under Jackson's YAML module), then navigated as a Jackson tree.
 */
final class ComposeFile {

    static final Path FILE = Repo.COMPOSE.resolve("docker-compose.yml");

    /** One published port: {@code "9092:9092"} or {@code "127.0.0.1:8080:8080/tcp"}. */
    record Port(String service, int host, int container) {
    }

    /** One volume entry of a service: a named volume or a bind mount of a host path. */
    record Mount(String service, String source, String target, boolean bind) {
    }

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile load() {
        Object tree = new Yaml(new LoaderOptions()).load(Repo.read(FILE));
        return new ComposeFile(new ObjectMapper().valueToTree(tree));
    }

    Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    List<String> namedVolumes() {
        List<String> names = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A service's environment, whether written as a map or as a list of {@code KEY=value}. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode entry : node) {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** The services a service depends on, whether written as a list or as a map with conditions. */
    static List<String> dependsOn(JsonNode service) {
        List<String> names = new ArrayList<>();
        JsonNode node = service.path("depends_on");
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else {
            node.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    List<Port> ports() {
        List<Port> ports = new ArrayList<>();
        services().forEach((name, service) -> {
            for (JsonNode port : service.path("ports")) {
                String[] parts = port.asText().replaceAll("/(tcp|udp)$", "").split(":");
                if (parts.length < 2) {
                    throw new AssertionError(name + ": port '" + port.asText() + "' publishes no fixed host port");
                }
                ports.add(new Port(name, Integer.parseInt(parts[parts.length - 2]),
                        Integer.parseInt(parts[parts.length - 1])));
            }
        });
        return ports;
    }

    List<Mount> mounts() {
        List<Mount> mounts = new ArrayList<>();
        services().forEach((name, service) -> {
            for (Iterator<JsonNode> it = service.path("volumes").elements(); it.hasNext(); ) {
                String[] parts = it.next().asText().split(":");
                String source = parts[0];
                boolean bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
                mounts.add(new Mount(name, source, parts.length > 1 ? parts[1] : source, bind));
            }
        });
        return mounts;
    }

    /** A bind mount's host path: relative paths are relative to the compose file's directory. */
    static Path hostPath(Mount mount) {
        return FILE.getParent().resolve(mount.source()).normalize();
    }

    /** The Dockerfile of a service with a build section, resolved as Compose does (relative to the context). */
    static Path dockerfile(JsonNode service) {
        JsonNode build = service.path("build");
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        String dockerfile = build.isTextual() ? "Dockerfile" : build.path("dockerfile").asText("Dockerfile");
        return FILE.getParent().resolve(context).resolve(dockerfile).normalize();
    }

    static Path buildContext(JsonNode service) {
        JsonNode build = service.path("build");
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        return FILE.getParent().resolve(context).normalize();
    }
}
