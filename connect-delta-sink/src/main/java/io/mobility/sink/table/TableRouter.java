package io.mobility.sink.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which Delta table a topic lands in: a per-topic override if there is one, else the path template with
 * {@code ${topic}} replaced, both resolved under the table root unless already absolute.
 */
public final class TableRouter {

    public static final String TOPIC_PLACEHOLDER = "${topic}";
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    private final String root;
    private final String template;
    private final Map<String, String> overrides;

    public TableRouter(String root, String template, Map<String, String> overrides) {
        this.root = stripTrailingSlash(root.trim());
        this.template = template.trim();
        this.overrides = Map.copyOf(overrides);
    }

    /** The table location (a path or URI Hadoop understands) for a topic. */
    public String tablePath(String topic) {
        String relative = overrides.getOrDefault(topic, template.replace(TOPIC_PLACEHOLDER, topic));
        if (isAbsolute(relative)) {
            return stripTrailingSlash(relative);
        }
        return root + "/" + stripTrailingSlash(relative.startsWith("./") ? relative.substring(2) : relative);
    }

    /** Parses {@code topic:path} pairs; a topic name cannot hold a colon, so the first colon separates. */
    public static Map<String, String> parseOverrides(List<String> pairs) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : pairs) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("Override '" + pair + "' is not topic:path");
            }
            String topic = pair.substring(0, colon).trim();
            if (!TOPIC_NAME.matcher(topic).matches()) {
                throw new IllegalArgumentException(
                        "Override '" + pair + "' names '" + topic + "', which is not a valid topic name");
            }
            if (overrides.put(topic, pair.substring(colon + 1).trim()) != null) {
                throw new IllegalArgumentException("Topic '" + topic + "' has more than one override");
            }
        }
        return overrides;
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
