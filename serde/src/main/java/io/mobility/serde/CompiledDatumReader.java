package io.mobility.serde;

import java.io.IOException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SystemLimitException;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads what Avro's {@code SpecificDatumReader}/{@code GenericDatumReader} read when the writer's schema is the
 * reader's (the usual case: both sides on the same contract version), from a plan made once per schema. Avro 1.12's
 * fast reader interprets a resolution plan with a lambda per step, reads strings through {@code Utf8}, and converts
 * every decimal through a {@code ByteBuffer} and a {@code BigInteger}; here each node reads its field straight from
 * the decoder (on a payload in memory, {@link ByteArrayDecoder}: strings decoded in place, no stream set-up), decimals
 * of up to 8 bytes become a {@code BigDecimal} from a {@code long}, timestamp-millis an {@code Instant} without boxing
 * through the conversion, and generated records are made by their constructor, not by reflection. The records, values
 * and Java types produced are those of Avro's fast reader (the reader Avro uses for these models), so callers cannot
 * tell the two apart; bad bytes fail with the same exceptions. Thread-safe and immutable after construction.
 */
final class CompiledDatumReader implements DatumReader<Object> {

    /** Reads one datum of one schema. */
    private interface Node {
        Object read(Decoder in) throws IOException;
    }

    /** Beyond this, an array's first block count is not trusted to size the list (corrupt counts would be OOMs). */
    private static final int MAX_INITIAL_CAPACITY = 1024;

    private final Schema schema;
    private final GenericData model;
    private final Map<Schema, RecordNode> records = new HashMap<>();
    private final Node root;

    private CompiledDatumReader(Schema schema, GenericData model) {
        this.schema = schema;
        this.model = model;
        this.root = compile(schema, null);
        records.clear();
    }

    /**
     * A compiled reader for data written with {@code writer} and read as {@code reader}, or null when Avro's
     * resolving reader must do it: the schemas differ in a way resolution would act on, or the schema or model uses
     * something this reader does not reproduce (class properties, custom data models).
     */
    static CompiledDatumReader forSchemas(Schema writer, Schema reader, GenericData model) {
        if (!sameForDecoding(writer, reader) || !supported(model) || usesClassProperties(reader)) {
            return null;
        }
        return new CompiledDatumReader(reader, model);
    }

    /**
     * Whether reading {@code writer}'s data as {@code reader} is reading it as written. Resolution acts only on what
     * the Parsing Canonical Form keeps (names, field order, types, symbols, sizes); docs, defaults and properties
     * such as {@code avro.java.string} or logical types do not change resolution, and Avro takes the reader's.
     */
    static boolean sameForDecoding(Schema writer, Schema reader) {
        return writer.equals(reader)
                || SchemaNormalization.toParsingForm(writer).equals(SchemaNormalization.toParsingForm(reader));
    }

    /** The models Avro's fast reader serves; subclasses (reflect, custom) may create other objects. */
    private static boolean supported(GenericData model) {
        return model.getClass() == GenericData.class || model.getClass() == SpecificData.class;
    }

    private static boolean usesClassProperties(Schema s) {
        return usesClassProperties(s, new java.util.HashSet<>());
    }

    private static boolean usesClassProperties(Schema s, java.util.Set<String> seen) {
        if (s.getProp(SpecificData.CLASS_PROP) != null || s.getProp(SpecificData.KEY_CLASS_PROP) != null) {
            return true;
        }
        return switch (s.getType()) {
            case RECORD ->
                seen.add(s.getFullName())
                        && s.getFields().stream().anyMatch(f -> usesClassProperties(f.schema(), seen));
            case ARRAY -> usesClassProperties(s.getElementType(), seen);
            case MAP -> usesClassProperties(s.getValueType(), seen);
            case UNION -> s.getTypes().stream().anyMatch(t -> usesClassProperties(t, seen));
            default -> false;
        };
    }

    @Override
    public void setSchema(Schema schema) {
        if (!this.schema.equals(schema)) {
            throw new UnsupportedOperationException(
                    "a compiled reader reads only the schema it was made for, " + this.schema.getFullName());
        }
    }

    /** Reads with any decoder; {@link #read(byte[], int, int)} is the fast way for a payload in memory. */
    @Override
    public Object read(Object reuse, Decoder in) throws IOException {
        return root.read(in);
    }

    /**
     * The record in {@code payload[offset, offset + length)}, which must hold exactly one.
     *
     * @throws java.io.IOException as Avro's {@code BinaryDecoder} throws for truncated or corrupt bytes
     * @throws TrailingBytesException when bytes are left over after the record
     */
    Object read(byte[] payload, int offset, int length) throws IOException {
        ByteArrayDecoder in = new ByteArrayDecoder(payload, offset, length);
        Object datum = root.read(in);
        if (!in.isEnd()) {
            throw new TrailingBytesException();
        }
        return datum;
    }

    /** A complete record did not use every byte of its payload. */
    static final class TrailingBytesException extends IOException {
        TrailingBytesException() {
            super("bytes left over after a complete record");
        }
    }

    /** {@code explicit}: the conversion a generated class names for the field, which takes precedence. */
    private Node compile(Schema s, Conversion<?> explicit) {
        Node raw = compileRaw(s);
        LogicalType logicalType = s.getLogicalType();
        Conversion<?> conversion =
                explicit != null ? explicit : logicalType == null ? null : model.getConversionFor(logicalType);
        if (conversion == null) {
            return raw;
        }
        if (conversion.getClass() == Conversions.DecimalConversion.class
                && s.getType() == Schema.Type.BYTES
                && logicalType instanceof org.apache.avro.LogicalTypes.Decimal decimal) {
            return decimal(decimal.getScale());
        }
        if (conversion.getClass() == TimeConversions.TimestampMillisConversion.class
                && s.getType() == Schema.Type.LONG
                && logicalType != null) {
            return in -> Instant.ofEpochMilli(in.readLong());
        }
        return in -> Conversions.convertToLogicalType(raw.read(in), s, logicalType, conversion);
    }

    private Node compileRaw(Schema s) {
        return switch (s.getType()) {
            case RECORD -> record(s);
            case ENUM -> enumeration(s);
            case ARRAY -> array(s);
            case MAP -> map(s);
            case UNION -> union(s);
            case FIXED ->
                in -> {
                    GenericFixed fixed = (GenericFixed) model.createFixed(null, s);
                    in.readFixed(fixed.bytes(), 0, s.getFixedSize());
                    return fixed;
                };
            case STRING -> string(s);
            case BYTES -> in -> in.readBytes(null);
            case INT -> Decoder::readInt;
            case LONG -> Decoder::readLong;
            case FLOAT -> Decoder::readFloat;
            case DOUBLE -> Decoder::readDouble;
            case BOOLEAN -> Decoder::readBoolean;
            case NULL ->
                in -> {
                    in.readNull();
                    return null;
                };
        };
    }

    /** Strings become {@code String} where the schema asks for it (generated classes do), else {@code Utf8}. */
    private static Node string(Schema s) {
        if (GenericData.StringType.String.name().equals(s.getProp(GenericData.STRING_PROP))) {
            return Decoder::readString;
        }
        return in -> in.readString(null);
    }

    /**
     * The bytes are the big-endian two's-complement unscaled value; up to 8 of them fit a long, which spares the
     * {@code BigInteger}. Equal to {@code DecimalConversion.fromBytes}: same unscaled value, same scale.
     */
    private static Node decimal(int scale) {
        return in -> {
            if (in instanceof ByteArrayDecoder payload) {
                return payload.readDecimal(scale);
            }
            int length = SystemLimitException.checkMaxBytesLength(in.readLong());
            byte[] bytes = new byte[length];
            in.readFixed(bytes, 0, length);
            return new BigDecimal(new BigInteger(bytes), scale);
        };
    }

    private Node enumeration(Schema s) {
        List<String> symbols = s.getEnumSymbols();
        Object[] values = new Object[symbols.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = model.createEnum(symbols.get(i), s);
        }
        return in -> values[in.readEnum()];
    }

    private Node record(Schema s) {
        RecordNode known = records.get(s);
        if (known != null) {
            return known; // a recursive schema: the node is being compiled further up
        }
        GenericData.InstanceSupplier supplier = constructorOf(s);
        RecordNode node = new RecordNode(s, supplier);
        records.put(s, node);
        Object sample = supplier.newInstance(null, s);
        List<Schema.Field> fields = s.getFields();
        node.positions = new int[fields.size()];
        node.nodes = new Node[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field field = fields.get(i);
            Conversion<?> explicit =
                    sample instanceof SpecificRecordBase generated ? generated.getConversion(field.pos()) : null;
            node.positions[i] = field.pos();
            node.nodes[i] = compile(field.schema(), explicit);
        }
        return node;
    }

    /**
     * How to make an empty record: a generated class's no-argument constructor called directly (Avro's specific
     * model calls it by reflection, which showed in the streams profile), else the model's own way.
     */
    private GenericData.InstanceSupplier constructorOf(Schema s) {
        Class<?> generated = model instanceof SpecificData specific ? specific.getClass(s) : null;
        if (generated == null
                || !java.lang.reflect.Modifier.isPublic(generated.getModifiers())
                || SpecificData.SchemaConstructable.class.isAssignableFrom(generated)) {
            return model.getNewRecordSupplier(s);
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle constructor =
                    MethodHandles.publicLookup().findConstructor(generated, MethodType.methodType(void.class));
            @SuppressWarnings("unchecked")
            Supplier<Object> create = (Supplier<Object>) LambdaMetafactory.metafactory(
                            lookup,
                            "get",
                            MethodType.methodType(Supplier.class),
                            MethodType.methodType(Object.class),
                            constructor,
                            MethodType.methodType(generated))
                    .getTarget()
                    .invokeExact();
            return (old, schema) -> create.get();
        } catch (Throwable e) {
            return model.getNewRecordSupplier(s); // no public no-argument constructor: Avro knows what to do
        }
    }

    private static final class RecordNode implements Node {
        private final Schema schema;
        private final GenericData.InstanceSupplier supplier;
        private int[] positions;
        private Node[] nodes;

        RecordNode(Schema schema, GenericData.InstanceSupplier supplier) {
            this.schema = schema;
            this.supplier = supplier;
        }

        @Override
        public Object read(Decoder in) throws IOException {
            IndexedRecord record = (IndexedRecord) supplier.newInstance(null, schema);
            for (int i = 0; i < nodes.length; i++) {
                record.put(positions[i], nodes[i].read(in));
            }
            return record;
        }
    }

    private Node array(Schema s) {
        Node element = compile(s.getElementType(), null);
        return in -> {
            long count = in.readArrayStart();
            GenericData.Array<Object> items = new GenericData.Array<>((int) Math.min(count, MAX_INITIAL_CAPACITY), s);
            while (count > 0) {
                for (long i = 0; i < count; i++) {
                    items.add(element.read(in));
                }
                count = in.arrayNext();
            }
            return items;
        };
    }

    private Node map(Schema s) {
        Node key = string(s);
        Node value = compile(s.getValueType(), null);
        return in -> {
            long count = in.readMapStart();
            Map<Object, Object> entries = new HashMap<>();
            while (count > 0) {
                for (long i = 0; i < count; i++) {
                    Object k = key.read(in);
                    entries.put(k, value.read(in));
                }
                count = in.mapNext();
            }
            return entries;
        };
    }

    private Node union(Schema s) {
        List<Schema> types = s.getTypes();
        Node[] branches = new Node[types.size()];
        for (int i = 0; i < branches.length; i++) {
            branches[i] = compile(types.get(i), null);
        }
        return in -> branches[in.readIndex()].read(in);
    }
}
