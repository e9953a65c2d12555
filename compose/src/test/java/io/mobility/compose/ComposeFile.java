package io.mobility.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml as Docker Compose reads it: YAML anchors and merge keys ({@code <<}) resolved by
 * SnakeYAML (the parser under Jackson's YAML module), then navigated as a Jackson tree.
 */
final class ComposeFile {

    static final Path FILE = Repo.COMPOSE.resolve("docker-compose.yml");

    private static final Pattern SHORT_PORT = Pattern.compile("^(?:(.+):)?(\\d+):(\\d+)(?:/(?:tcp|udp))?$");
    /** A variable reference: {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?message}} (colon optional). */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?([-?])([^}]*))?}");

    /**
     * One published port: {@code "9092:9092"} (every host interface) or
     * {@code "${MOBILITY_BIND:-127.0.0.1}:8080:8080"}; {@code hostIp} is as written, null when the entry names none.
     */
    record Port(String service, String hostIp, int host, int container) {}

    /** One volume entry of a service: a named volume or a bind mount of a host path. */
    record Mount(String service, String source, String target, boolean bind) {}

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile load() {
        return parse(Repo.read(FILE));
    }

    static ComposeFile parse(String yaml) {
        Object tree = new Yaml(new LoaderOptions()).load(yaml);
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
                ports.add(port(name, port));
            }
        });
        return ports;
    }

    /** A ports entry in the short syntax ({@code [HOST_IP:]HOST:CONTAINER[/PROTOCOL]}) or the long one. */
    static Port port(String service, JsonNode port) {
        if (port.isObject()) {
            if (!port.has("published")) {
                throw new AssertionError(service + ": port " + port + " publishes no fixed host port");
            }
            return new Port(
                    service,
                    port.has("host_ip") ? port.path("host_ip").asText() : null,
                    port.path("published").asInt(),
                    port.path("target").asInt());
        }
        Matcher m = SHORT_PORT.matcher(port.asText());
        if (!m.matches()) {
            throw new AssertionError(service + ": port '" + port.asText() + "' publishes no fixed host port");
        }
        return new Port(service, m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /**
     * A value as Compose interpolates it when the user's environment and .env set nothing: {@code ${VAR:-default}}
     * becomes the default; {@code ${VAR:?message}} and plain {@code ${VAR}} have no value then and are an error.
     */
    static String withoutUserSettings(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!"-".equals(m.group(2))) {
                throw new IllegalArgumentException("${" + m.group(1) + "} has no default in '" + value + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
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
        String context =
                build.isTextual() ? build.asText() : build.path("context").asText(".");
        String dockerfile =
                build.isTextual() ? "Dockerfile" : build.path("dockerfile").asText("Dockerfile");
        return FILE.getParent().resolve(context).resolve(dockerfile).normalize();
    }

    static Path buildContext(JsonNode service) {
        JsonNode build = service.path("build");
        String context =
                build.isTextual() ? build.asText() : build.path("context").asText(".");
        return FILE.getParent().resolve(context).normalize();
    }
}
