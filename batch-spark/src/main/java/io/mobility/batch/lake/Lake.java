package io.mobility.batch.lake;

import java.nio.file.Path;

/** Where the lake's tables live: {@code <root>/bronze|silver|gold/<table>} and {@code <root>/_state/<name>}. */
public record Lake(String root) {

    public static Lake at(String root) {
        // Spark resolves relative paths against the working directory; make them absolute so logs show where.
        return new Lake(
                root.contains("://")
                        ? root
                        : Path.of(root).toAbsolutePath().normalize().toString());
    }

    public String bronze(String table) {
        return root + "/bronze/" + table;
    }

    public String silver(String table) {
        return root + "/silver/" + table;
    }

    public String gold(String table) {
        return root + "/gold/" + table;
    }

    public String state(String name) {
        return root + "/_state/" + name;
    }

    public String layer(String layer) {
        return root + "/" + layer;
    }
}
