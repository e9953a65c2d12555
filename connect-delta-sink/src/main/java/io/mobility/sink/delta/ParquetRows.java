package io.mobility.sink.delta;

import io.mobility.serde.connect.AvroData;
import io.mobility.sink.table.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Rows as parquet-avro writes them, in the encodings Spark reads back as the Delta column types: timestamps as
 * timestamp-micros, dates as days, decimals as unscaled bytes, enums as plain strings. Values are matched to columns
 * by name, so a row from an older record schema fills the columns it has and leaves the rest null.
 */
final class ParquetRows {

    private final org.apache.avro.Schema avro;
    private final String[] columns;
    private final Converter[] converters;
    private final FieldLookup lookup;

    ParquetRows(Schema fileSchema) {
        this.avro = record(fileSchema, "row");
        List<Field> fields = fileSchema.fields();
        this.columns = new String[fields.size()];
        this.converters = new Converter[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            columns[i] = field.name();
            converters[i] =
                    new Converter(field.schema(), avro.getFields().get(i).schema(), field.name());
        }
        this.lookup = new FieldLookup(columns);
    }

    /** The row's value of each column of the file, in the file schema's order. */
    Object[] values(Row row) {
        return lookup.values(row);
    }

    org.apache.avro.Schema avroSchema() {
        return avro;
    }

    /** The record parquet-avro writes for a row's {@link #values}. */
    GenericData.Record toAvro(Object[] values) {
        GenericData.Record record = new GenericData.Record(avro);
        for (int i = 0; i < converters.length; i++) {
            record.put(i, converters[i].convert(values[i]));
        }
        return record;
    }

    private static org.apache.avro.Schema record(Schema struct, String path) {
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field field : struct.fields()) {
            fields.add(new org.apache.avro.Schema.Field(
                    field.name(),
                    schema(field.schema(), path + "_" + field.name()),
                    null,
                    field.schema().isOptional() ? JsonProperties.NULL_VALUE : null));
        }
        // Record names only need to be unique within the file: derive them from the column path.
        return org.apache.avro.Schema.createRecord(
                path.replaceAll("[^A-Za-z0-9_]", "_"), null, "io.mobility.sink", false, fields);
    }

    private static org.apache.avro.Schema schema(Schema connect, String path) {
        org.apache.avro.Schema plain = plain(connect, path);
        return connect.isOptional()
                ? org.apache.avro.Schema.createUnion(
                        org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), plain)
                : plain;
    }

    private static org.apache.avro.Schema plain(Schema connect, String path) {
        String name = connect.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD));
            String precision = connect.parameters().get(AvroData.DECIMAL_PRECISION);
            // Fixed-length, as Spark writes decimals in its legacy format: Spark's vectorized reader cannot read
            // dictionary-encoded BINARY decimals of precision <= 18 (UnsupportedOperationException in decodeToLong).
            int digits = precision == null ? 38 : Integer.parseInt(precision);
            org.apache.avro.Schema fixed = org.apache.avro.Schema.createFixed(
                    path.replaceAll("[^A-Za-z0-9_]", "_") + "_decimal", null, "io.mobility.sink", bytesFor(digits));
            return LogicalTypes.decimal(digits, scale).addToSchema(fixed);
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return LogicalTypes.timestampMicros()
                    .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
        }
        return switch (connect.type()) {
            case INT8, INT16, INT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
            case INT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
            case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
            case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
            case STRING -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
            case BYTES -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
            case ARRAY -> org.apache.avro.Schema.createArray(schema(connect.valueSchema(), path + "_element"));
            case MAP -> org.apache.avro.Schema.createMap(schema(connect.valueSchema(), path + "_value"));
            case STRUCT -> record(connect, path);
        };
    }

    /**
     * Converts the values of one column (or nested field) to what parquet-avro writes. Everything that depends only
     * on the schema (the kind of conversion, the Avro schema, the column path for messages) is worked out once per
     * file rather than once per value.
     */
    private static final class Converter {

        private enum Kind {
            DECIMAL,
            TIMESTAMP,
            DATE,
            TIME,
            INT,
            AS_IS,
            STRING,
            BYTES,
            ARRAY,
            MAP,
            STRUCT
        }

        private final Kind kind;
        private final boolean optional;
        private final String path;
        private final org.apache.avro.Schema plain;
        private final Converter element;
        private final FieldLookup lookup;
        private final Converter[] fields;

        Converter(Schema connect, org.apache.avro.Schema avro, String path) {
            this.optional = connect.isOptional();
            this.path = path;
            this.plain = avro.getType() == org.apache.avro.Schema.Type.UNION
                    ? avro.getTypes().get(1)
                    : avro;
            this.kind = kind(connect);
            this.element = switch (kind) {
                case ARRAY -> new Converter(connect.valueSchema(), plain.getElementType(), path + "[]");
                case MAP -> new Converter(connect.valueSchema(), plain.getValueType(), path + "{}");
                default -> null;
            };
            if (kind == Kind.STRUCT) {
                List<Field> children = connect.fields();
                String[] fieldNames = new String[children.size()];
                fields = new Converter[children.size()];
                for (int i = 0; i < children.size(); i++) {
                    Field child = children.get(i);
                    fieldNames[i] = child.name();
                    fields[i] = new Converter(
                            child.schema(), plain.getFields().get(i).schema(), path + "." + child.name());
                }
                lookup = new FieldLookup(fieldNames);
            } else {
                lookup = null;
                fields = null;
            }
        }

        private static Kind kind(Schema connect) {
            String name = connect.name();
            if (Decimal.LOGICAL_NAME.equals(name)) {
                return Kind.DECIMAL;
            }
            if (Timestamp.LOGICAL_NAME.equals(name)) {
                return Kind.TIMESTAMP;
            }
            if (Date.LOGICAL_NAME.equals(name)) {
                return Kind.DATE;
            }
            if (Time.LOGICAL_NAME.equals(name)) {
                return Kind.TIME;
            }
            return switch (connect.type()) {
                case INT8, INT16, INT32 -> Kind.INT;
                case INT64, FLOAT32, FLOAT64, BOOLEAN -> Kind.AS_IS;
                case STRING -> Kind.STRING;
                case BYTES -> Kind.BYTES;
                case ARRAY -> Kind.ARRAY;
                case MAP -> Kind.MAP;
                case STRUCT -> Kind.STRUCT;
            };
        }

        Object convert(Object value) {
            if (value == null) {
                if (!optional) {
                    throw new DataException("Column '" + path + "' is required but the record has no value for it");
                }
                return null;
            }
            return switch (kind) {
                case DECIMAL -> decimal(plain, (BigDecimal) value, path);
                case TIMESTAMP -> Math.multiplyExact(((java.util.Date) value).getTime(), 1000L);
                case DATE -> (int) Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L);
                case TIME -> (int) ((java.util.Date) value).getTime();
                case INT -> ((Number) value).intValue();
                case AS_IS -> value;
                // Utf8 reaches Parquet as a byte-array Binary; a String goes through a CharsetEncoder into a
                // ByteBuffer-backed one, whose dictionary look-ups compare byte by byte through the buffer
                case STRING -> new Utf8(value.toString());
                case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
                case ARRAY -> {
                    Collection<?> elements = (Collection<?>) value;
                    List<Object> list = new ArrayList<>(elements.size());
                    for (Object e : elements) {
                        list.add(element.convert(e));
                    }
                    yield list;
                }
                case MAP -> {
                    Map<String, Object> map = new HashMap<>();
                    ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), element.convert(v)));
                    yield map;
                }
                case STRUCT -> {
                    Object[] values = lookup.values((Struct) value);
                    GenericData.Record record = new GenericData.Record(plain);
                    for (int i = 0; i < fields.length; i++) {
                        record.put(i, fields[i].convert(values[i]));
                    }
                    yield record;
                }
            };
        }
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int bytesFor(int precision) {
        int bytes = 1;
        while (BigInteger.TWO.pow(8 * bytes - 1).compareTo(BigInteger.TEN.pow(precision)) < 0) {
            bytes++;
        }
        return bytes;
    }

    private static GenericData.Fixed decimal(org.apache.avro.Schema avro, BigDecimal value, String path) {
        LogicalTypes.Decimal type = (LogicalTypes.Decimal) avro.getLogicalType();
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DataException("Column '" + path + "': " + value + " does not fit scale " + type.getScale());
        }
        if (scaled.precision() > type.getPrecision()) {
            throw new DataException("Column '" + path + "': " + value + " does not fit decimal(" + type.getPrecision()
                    + "," + type.getScale() + ")");
        }
        byte[] fixed = new byte[avro.getFixedSize()];
        if (type.getPrecision() <= 18) {
            // fits a long: big-endian two's complement straight into the fixed width, no BigInteger bytes
            long unscaled = scaled.unscaledValue().longValue();
            for (int i = fixed.length - 1; i >= 0; i--) {
                fixed[i] = (byte) unscaled;
                unscaled >>= 8;
            }
            return new GenericData.Fixed(avro, fixed);
        }
        byte[] unscaled = scaled.unscaledValue().toByteArray();
        byte pad = (byte) (scaled.signum() < 0 ? 0xFF : 0x00); // sign-extend to the fixed width
        int offset = fixed.length - unscaled.length;
        for (int i = 0; i < offset; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(unscaled, 0, fixed, offset, unscaled.length);
        return new GenericData.Fixed(avro, fixed);
    }
}
