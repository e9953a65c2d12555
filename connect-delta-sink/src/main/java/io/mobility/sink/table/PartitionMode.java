package io.mobility.sink.table;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How rows of a table are split into Delta partitions. */
public enum PartitionMode {
    /** One unpartitioned table. */
    NONE,
    /** By the value of one top-level field of the record. */
    FIELD,
    /** By the UTC date of a timestamp field of the record (e.g. event_time -> event_date). */
    EVENT_DATE,
    /** By the UTC date the sink wrote the row (bronze: what arrived when). */
    INGEST_DATE;

    /** The name used in configuration: {@code none}, {@code field}, {@code event-date}, {@code ingest-date}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PartitionMode parse(String configName) {
        return Arrays.stream(values())
                .filter(m -> m.configName().equalsIgnoreCase(configName.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown partition mode '" + configName + "', expected one of " + configNames()));
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(PartitionMode::configName).toList();
    }
}
