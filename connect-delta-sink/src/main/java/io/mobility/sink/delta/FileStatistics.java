package io.mobility.sink.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The per-file statistics Delta readers use to skip files: row count, and per leaf column (nested struct fields
 * included) the null count and, where Delta compares values, the minimum and maximum. Strings are kept to a
 * 32-character prefix as Delta does; a maximum that had to be cut is left out, since a prefix is not an upper bound.
 */
final class FileStatistics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STRING_PREFIX = 32;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Map<List<String>, Column> columns = new LinkedHashMap<>();
    /** The file schema's fields with their columns resolved once, so that a row is added without lookups by path. */
    private final List<Node> fields;

    private long records;

    FileStatistics(Schema fileSchema) {
        this.fields = collectLeaves(fileSchema, new ArrayList<>());
    }

    /** Adds a row given as its value of each top-level column, in the file schema's order. */
    void add(Object[] values) {
        records++;
        for (int i = 0; i < fields.size(); i++) {
            fields.get(i).add(values[i]);
        }
    }

    long records() {
        return records;
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("numRecords", records);
        ObjectNode min = root.putObject("minValues");
        ObjectNode max = root.putObject("maxValues");
        ObjectNode nulls = root.putObject("nullCount");
        columns.forEach((path, column) -> {
            put(nulls, path, column.nulls);
            if (column.comparable && column.min != null) {
                put(min, path, column.min);
            }
            if (column.comparable && column.max != null && !column.maxCut) {
                put(max, path, column.max);
            }
        });
        return root.toString();
    }

    private List<Node> collectLeaves(Schema struct, List<String> prefix) {
        List<Node> nodes = new ArrayList<>();
        for (Field field : struct.fields()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.name());
            Schema schema = field.schema();
            if (schema.type() == Schema.Type.STRUCT) {
                List<Node> children = collectLeaves(schema, path);
                nodes.add(new Nested(
                        field.name(),
                        children,
                        new FieldLookup(children.stream().map(Node::name).toArray(String[]::new))));
            } else if (schema.type() != Schema.Type.ARRAY && schema.type() != Schema.Type.MAP) {
                boolean comparable = schema.type() != Schema.Type.BOOLEAN
                        && (schema.type() != Schema.Type.BYTES || Decimal.LOGICAL_NAME.equals(schema.name()));
                Column column = new Column(schema, comparable);
                columns.put(List.copyOf(path), column);
                nodes.add(new Leaf(field.name(), column));
            } else {
                nodes.add(new Leaf(field.name(), null)); // arrays and maps have no statistics
            }
        }
        return List.copyOf(nodes);
    }

    /** A field of the file schema: a leaf column, or a struct whose fields are looked up by name in each value. */
    private sealed interface Node permits Leaf, Nested {
        String name();

        void add(Object value);
    }

    private record Leaf(String name, Column column) implements Node {
        @Override
        public void add(Object value) {
            if (column != null) {
                column.add(value);
            }
        }
    }

    private record Nested(String name, List<Node> children, FieldLookup lookup) implements Node {
        @Override
        public void add(Object value) {
            Object[] values = lookup.values((Struct) value);
            for (int i = 0; i < children.size(); i++) {
                children.get(i).add(values[i]);
            }
        }
    }

    private static void put(ObjectNode node, List<String> path, Object value) {
        ObjectNode parent = node;
        for (int i = 0; i < path.size() - 1; i++) {
            ObjectNode child = (ObjectNode) parent.get(path.get(i));
            parent = child != null ? child : parent.putObject(path.get(i));
        }
        String leaf = path.get(path.size() - 1);
        if (value instanceof Long l) {
            parent.put(leaf, l);
        } else if (value instanceof Integer i) {
            parent.put(leaf, i);
        } else if (value instanceof Double d) {
            parent.put(leaf, d);
        } else if (value instanceof Float f) {
            parent.put(leaf, f);
        } else if (value instanceof BigDecimal b) {
            parent.put(leaf, b);
        } else {
            parent.put(leaf, value.toString());
        }
    }

    /** Running statistics of one leaf column. */
    private static final class Column {
        private final Kind kind;
        private boolean comparable;
        private long nulls;
        private Object min;
        private Object max;
        private boolean maxCut;

        Column(Schema schema, boolean comparable) {
            this.kind = Kind.of(schema);
            this.comparable = comparable;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void add(Object value) {
            if (value == null) {
                nulls++;
                return;
            }
            if (!comparable) {
                return;
            }
            Object statValue = statValue(value);
            if (statValue == null) {
                comparable = false; // NaN: Delta readers cannot use min/max for this file
                return;
            }
            if (statValue instanceof String s && s.length() > STRING_PREFIX) {
                String prefix = s.substring(0, STRING_PREFIX);
                if (min == null || prefix.compareTo((String) min) < 0) {
                    min = prefix;
                }
                maxCut = true;
                return;
            }
            Comparable comparableValue = (Comparable) statValue;
            if (min == null || comparableValue.compareTo(min) < 0) {
                min = statValue;
            }
            if (max == null || comparableValue.compareTo(max) > 0) {
                max = statValue;
            }
        }

        private Object statValue(Object value) {
            return switch (kind) {
                case TIMESTAMP -> new TimestampStat(((java.util.Date) value).getTime());
                case DATE -> new DateStat(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L));
                case INT -> ((Number) value).intValue();
                case FLOAT32 -> Float.isNaN((Float) value) ? null : value;
                case FLOAT64 -> Double.isNaN((Double) value) ? null : value;
                case STRING -> value.toString();
                case AS_IS -> value;
            };
        }

        /** How a value becomes its statistic, decided once per column rather than by name per value. */
        private enum Kind {
            TIMESTAMP,
            DATE,
            INT,
            FLOAT32,
            FLOAT64,
            STRING,
            AS_IS;

            static Kind of(Schema schema) {
                if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
                    return TIMESTAMP;
                }
                if (Date.LOGICAL_NAME.equals(schema.name())) {
                    return DATE;
                }
                return switch (schema.type()) {
                    case INT8, INT16, INT32 -> INT;
                    case FLOAT32 -> FLOAT32;
                    case FLOAT64 -> FLOAT64;
                    case STRING -> STRING;
                    default -> AS_IS;
                };
            }
        }
    }

    /** A timestamp compared as millis and written as Delta writes it. */
    private record TimestampStat(long millis) implements Comparable<TimestampStat> {
        @Override
        public int compareTo(TimestampStat other) {
            return Long.compare(millis, other.millis);
        }

        @Override
        public String toString() {
            return TIMESTAMP.format(java.time.Instant.ofEpochMilli(millis));
        }
    }

    /** A date compared as days and written as yyyy-MM-dd. */
    private record DateStat(long days) implements Comparable<DateStat> {
        @Override
        public int compareTo(DateStat other) {
            return Long.compare(days, other.days);
        }

        @Override
        public String toString() {
            return java.time.LocalDate.ofEpochDay(days).toString();
        }
    }
}
