package io.mobility.sink.delta;

/** Partition directory names as Hive and Spark write them, so any reader finds the same layout. */
final class PartitionPaths {

    static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final String SPECIAL = "\"#%'*/:=?\\\u007F{[]^";

    private PartitionPaths() {}

    static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return NULL_PARTITION;
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c < 0x20 || SPECIAL.indexOf(c) >= 0) {
                escaped.append('%').append(String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
