package io.mobility.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the same bytes as Avro's {@code GenericDatumWriter}/{@code SpecificDatumWriter}, from a plan made once per
 * schema instead of interpreting the schema for every datum. Avro 1.12 generates fast custom coders only for records
 * without logical types; the contract's events all carry decimals and timestamps, so they fall back to the
 * interpreting writer, whose per-field union resolution and conversion look-ups by class cost more than the encoding
 * itself. Here union branches are resolved by the datum's class once (with Avro's own rules), and each logical type
 * node holds its conversion. Thread-safe; immutable after construction except for the union caches.
 */
final class CompiledDatumWriter implements DatumWriter<Object> {

    /** Writes one datum of one schema. */
    private interface Node {
        void write(Object datum, Encoder out) throws IOException;
    }

    private final Schema schema;
    private final GenericData model;
    private final Map<Schema, RecordNode> records = new HashMap<>();
    private final Node root;

    CompiledDatumWriter(Schema schema, GenericData model) {
        this.schema = schema;
        this.model = model;
        this.root = compile(schema);
        records.clear();
    }

    @Override
    public void setSchema(Schema schema) {
        if (!this.schema.equals(schema)) {
            throw new UnsupportedOperationException(
                    "a compiled writer writes only the schema it was made for, " + this.schema.getFullName());
        }
    }

    @Override
    public void write(Object datum, Encoder out) throws IOException {
        root.write(datum, out);
    }

    private Node compile(Schema s) {
        LogicalType logicalType = s.getLogicalType();
        Node raw = compileRaw(s);
        if (logicalType == null) {
            return raw;
        }
        Conversion<?> conversion = model.getConversionFor(logicalType);
        return (datum, out) -> raw.write(toRaw(datum, s, logicalType, conversion), out);
    }

    /** Converted values (BigDecimal, Instant, ...) to their Avro form; raw values pass, as Avro's writers allow. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object toRaw(Object datum, Schema s, LogicalType logicalType, Conversion<?> conversion) {
        if (datum == null) {
            return null;
        }
        Conversion c = conversion != null && conversion.getConvertedType().isInstance(datum)
                ? conversion
                : model.getConversionByClass(datum.getClass(), logicalType);
        return c == null ? datum : Conversions.convertToRawType(datum, s, logicalType, c);
    }

    private Node compileRaw(Schema s) {
        return switch (s.getType()) {
            case RECORD -> record(s);
            case ENUM ->
                (datum, out) ->
                        out.writeEnum(datum instanceof Enum<?> e ? e.ordinal() : s.getEnumOrdinal(datum.toString()));
            case ARRAY -> array(s);
            case MAP -> map(s);
            case UNION -> union(s);
            case FIXED -> (datum, out) -> out.writeFixed(((GenericFixed) datum).bytes(), 0, s.getFixedSize());
            case STRING -> new StringNode();
            case BYTES -> (datum, out) -> out.writeBytes((ByteBuffer) datum);
            case INT -> (datum, out) -> out.writeInt(((Number) datum).intValue());
            case LONG -> (datum, out) -> out.writeLong(((Number) datum).longValue());
            case FLOAT -> (datum, out) -> out.writeFloat(((Number) datum).floatValue());
            case DOUBLE -> (datum, out) -> out.writeDouble(((Number) datum).doubleValue());
            case BOOLEAN -> (datum, out) -> out.writeBoolean((Boolean) datum);
            case NULL ->
                (datum, out) -> {
                    if (datum != null) {
                        throw new AvroRuntimeException("not null: " + datum);
                    }
                    out.writeNull();
                };
        };
    }

    private Node record(Schema s) {
        RecordNode known = records.get(s);
        if (known != null) {
            return known; // a recursive schema: the node is being compiled further up
        }
        RecordNode node = new RecordNode(s);
        records.put(s, node);
        List<Schema.Field> fields = s.getFields();
        node.positions = new int[fields.size()];
        node.nodes = new Node[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            node.positions[i] = fields.get(i).pos();
            node.nodes[i] = compile(fields.get(i).schema());
        }
        return node;
    }

    private static final class RecordNode implements Node {
        private final Schema schema;
        private int[] positions;
        private Node[] nodes;

        RecordNode(Schema schema) {
            this.schema = schema;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            IndexedRecord record = (IndexedRecord) datum;
            for (int i = 0; i < nodes.length; i++) {
                Object value = record.get(positions[i]);
                try {
                    nodes[i].write(value, out);
                } catch (NullPointerException | ClassCastException e) {
                    Schema.Field field = schema.getFields().get(i);
                    throw new AvroRuntimeException(
                            (value == null
                                            ? "null value for non-nullable field "
                                            : "value of the wrong type for field ")
                                    + schema.getName() + "." + field.name()
                                    + " (" + field.schema() + ")"
                                    + (value == null
                                            ? ""
                                            : ": " + value.getClass().getName()),
                            e);
                }
            }
        }
    }

    /**
     * A string field. To a binary encoder it writes what {@code BinaryEncoder.writeString} writes (the UTF-8 length,
     * then the bytes) but keeps the bytes of the first {@code String} instance the field wrote: producers put the
     * same instance in every record for constants (a producer's name and instance, a currency), whose bytes are then
     * encoded once instead of character by character for every record. Other strings are encoded by the JDK's
     * {@code getBytes}; other encoders and other char sequences go through {@code writeString}.
     */
    private static final class StringNode implements Node {
        /** Immutable, so that threads sharing the writer see the text and its bytes together. */
        private record Encoded(String text, byte[] utf8) {}

        private Encoded first;

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            if (datum instanceof String text && out instanceof BinaryEncoder) {
                Encoded known = first;
                byte[] utf8;
                if (known != null && known.text == text) {
                    utf8 = known.utf8;
                } else {
                    utf8 = text.getBytes(StandardCharsets.UTF_8);
                    if (known == null) {
                        first = new Encoded(text, utf8);
                    }
                }
                out.writeInt(utf8.length);
                out.writeFixed(utf8, 0, utf8.length);
            } else {
                out.writeString(datum instanceof CharSequence cs ? cs : datum.toString());
            }
        }
    }

    private Node array(Schema s) {
        Node element = compile(s.getElementType());
        return (datum, out) -> {
            Collection<?> items = (Collection<?>) datum;
            out.writeArrayStart();
            out.setItemCount(items.size());
            for (Object item : items) {
                out.startItem();
                element.write(item, out);
            }
            out.writeArrayEnd();
        };
    }

    private Node map(Schema s) {
        Node value = compile(s.getValueType());
        return (datum, out) -> {
            Map<?, ?> entries = (Map<?, ?>) datum;
            out.writeMapStart();
            out.setItemCount(entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                out.startItem();
                out.writeString(
                        entry.getKey() instanceof CharSequence cs
                                ? cs
                                : entry.getKey().toString());
                value.write(entry.getValue(), out);
            }
            out.writeMapEnd();
        };
    }

    private Node union(Schema s) {
        List<Schema> types = s.getTypes();
        Node[] branches = new Node[types.size()];
        for (int i = 0; i < branches.length; i++) {
            branches[i] = compile(types.get(i));
        }
        Integer nullBranch = s.getIndexNamed(Schema.Type.NULL.getName());
        UnionBranches resolved = new UnionBranches(s, nullBranch == null ? -1 : nullBranch);
        return (datum, out) -> {
            int branch = resolved.indexOf(datum);
            out.writeIndex(branch);
            branches[branch].write(datum, out);
        };
    }

    /**
     * Which branch of a union a datum goes to, by Avro's own rule ({@code GenericData.resolveUnion}), remembered per
     * class when the class alone decides it (everything but generic records, enums and fixeds, whose schema does).
     */
    private final class UnionBranches {
        private record Seen(Class<?> type, int branch) {}

        private final Schema union;
        private final int nullBranch;
        private volatile Seen[] seen = new Seen[0];

        UnionBranches(Schema union, int nullBranch) {
            this.union = union;
            this.nullBranch = nullBranch;
        }

        int indexOf(Object datum) {
            if (datum == null) {
                if (nullBranch < 0) {
                    throw new UnresolvedUnionException(union, null);
                }
                return nullBranch;
            }
            Class<?> type = datum.getClass();
            Seen[] known = seen;
            for (Seen s : known) {
                if (s.type == type) {
                    return s.branch;
                }
            }
            int branch = model.resolveUnion(union, datum);
            boolean decidedByClass = !(datum instanceof GenericContainer)
                    || datum instanceof SpecificRecord
                    || datum instanceof SpecificFixed
                    || datum instanceof Enum<?>;
            if (decidedByClass && known.length < 8) {
                Seen[] more = java.util.Arrays.copyOf(known, known.length + 1);
                more[known.length] = new Seen(type, branch);
                seen = more;
            }
            return branch;
        }
    }
}
