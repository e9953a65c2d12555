package io.mobility.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options shared by every batch subcommand ({@code --lake}, {@code --master},
 * {@code --shuffle-partitions}) plus any job-specific {@code --name value} pairs.
 */
public record BatchOptions(String lake, String master, int shufflePartitions, Map<String, String> extra) {

    public static final String DEFAULT_LAKE = "lake";
    /** spark-submit passes its --master as the spark.master property; a local run defaults to local[*]. */
    public static final String DEFAULT_MASTER = System.getProperty("spark.master", "local[*]");

    public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

    public static BatchOptions defaults() {
        return new BatchOptions(DEFAULT_LAKE, DEFAULT_MASTER, DEFAULT_SHUFFLE_PARTITIONS, Map.of());
    }

    /** Parses {@code --name value} pairs; anything else is a usage error naming the argument. */
    public static BatchOptions parse(List<String> args) {
        String lake = DEFAULT_LAKE;
        String master = DEFAULT_MASTER;
        int partitions = DEFAULT_SHUFFLE_PARTITIONS;
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "': options are --name value");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args.get(++i);
            switch (name) {
                case "--lake" -> lake = value;
                case "--master" -> master = value;
                case "--shuffle-partitions" -> partitions = positiveInt(name, value);
                default -> extra.put(name.substring(2), value);
            }
        }
        return new BatchOptions(lake, master, partitions, Map.copyOf(extra));
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(extra.get(name));
    }

    public long longOption(String name, long defaultValue) {
        return option(name)
                .map(v -> {
                    try {
                        return Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "option --" + name + " must be a whole number, got '" + v + "'");
                    }
                })
                .orElse(defaultValue);
    }

    private static int positiveInt(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("option " + name + " must be a positive whole number, got '" + value + "'");
    }
}
