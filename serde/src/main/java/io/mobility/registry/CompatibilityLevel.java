package io.mobility.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Schema Registry compatibility levels, with Confluent's names and meaning, checked with Avro's own
 * {@link SchemaCompatibility}.
 *
 * <p>BACKWARD: consumers on the new schema read data written with the previous one. FORWARD: consumers on the
 * previous schema read data written with the new one. FULL: both. The _TRANSITIVE variants check against every
 * earlier version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    public static CompatibilityLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "Unknown compatibility level '" + value + "'; expected one of " + List.of(values()), e);
        }
    }

    /**
     * Why {@code candidate} may not follow {@code existing} (oldest first) under this level; empty when it may.
     * Each entry names the location in the schema and the problem, as Avro reports it.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return List.of();
        }
        List<Schema> against = name().endsWith("_TRANSITIVE") ? existing : List.of(existing.get(existing.size() - 1));
        boolean backward = this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        boolean forward = this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        List<String> problems = new ArrayList<>();
        for (Schema previous : against) {
            if (backward) {
                describe(
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
                        candidate,
                        "new schema cannot read data written with an earlier one",
                        problems);
            }
            if (forward) {
                describe(
                        SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
                        previous,
                        "an earlier schema cannot read data written with the new one",
                        problems);
            }
        }
        return problems;
    }

    private static void describe(
            SchemaPairCompatibility result, Schema reader, String direction, List<String> problems) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + incompatibility.getType() + " at field '"
                    + fieldPath(reader, incompatibility.getLocation()) + "' (" + incompatibility.getMessage() + ")");
        }
    }

    /**
     * Avro reports where a problem is as a JSON pointer into the reader schema ({@code /fields/3/type}); people
     * want the field's name ({@code ride_id}, {@code fare.total}).
     */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema current = reader;
        String[] steps = location.split("/");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step.equals("fields") && i + 1 < steps.length && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(steps[++i]));
                names.add(field.name());
                current = field.schema();
            } else if (step.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (step.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (step.matches("\\d+") && current.getType() == Schema.Type.UNION) {
                current = current.getTypes().get(Integer.parseInt(step));
            }
        }
        return names.isEmpty() ? location : String.join(".", names);
    }
}
