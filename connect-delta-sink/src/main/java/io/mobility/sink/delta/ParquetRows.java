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

    private final Schema connect;
    private final org.apache.avro.Schema avro;

    ParquetRows(Schema fileSchema) {
        this.connect = fileSchema;
        this.avro = record(fileSchema, "row");
    }

    org.apache.avro.Schema avroSchema() {
        return avro;
    }

    GenericData.Record toAvro(Row row) {
        GenericData.Record record = new GenericData.Record(avro);
        List<Field> fields = connect.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            record.put(i, value(field.schema(), avro.getFields().get(i).schema(), row.get(field.name()), field.name()));
        }
        return record;
    }

    private static org.apache.avro.Schema record(Schema struct, String path) {
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field field : struct.fields()) {
            fields.add(new org.apache.avro.Schema.Field(field.name(), schema(field.schema(), path + "_" + field.name()),
                    null, field.schema().isOptional() ? JsonProperties.NULL_VALUE : null));
        }
        // Record names only need to be unique within the file: derive them from the column path.
        return org.apache.avro.Schema.createRecord(path.replaceAll("[^A-Za-z0-9_]", "_"), null, "io.mobility.sink",
                false, fields);
    }

    private static org.apache.avro.Schema schema(Schema connect, String path) {
        org.apache.avro.Schema plain = plain(connect, path);
        return connect.isOptional()
                ? org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), plain)
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
                    path.replaceAll("[^A-Za-z0-9_]", "_") + "_decimal", null, "io.mobility.sink",
                    bytesFor(digits));
            return LogicalTypes.decimal(digits, scale).addToSchema(fixed);
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return LogicalTypes.timestampMicros().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
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

    private static Object value(Schema connect, org.apache.avro.Schema avro, Object value, String path) {
        if (value == null) {
            if (!connect.isOptional()) {
                throw new DataException("Column '" + path + "' is required but the record has no value for it");
            }
            return null;
        }
        org.apache.avro.Schema plain = avro.getType() == org.apache.avro.Schema.Type.UNION ? avro.getTypes().get(1) : avro;
        String name = connect.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            return decimal(plain, (BigDecimal) value, path);
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return Math.multiplyExact(((java.util.Date) value).getTime(), 1000L);
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return (int) Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L);
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return (int) ((java.util.Date) value).getTime();
        }
        return switch (connect.type()) {
            case INT8, INT16, INT32 -> ((Number) value).intValue();
            case INT64, FLOAT32, FLOAT64, BOOLEAN -> value;
            case STRING -> value.toString();
            case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    list.add(value(connect.valueSchema(), plain.getElementType(), element, path + "[]"));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k),
                        value(connect.valueSchema(), plain.getValueType(), v, path + "{" + k + "}")));
                yield map;
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                GenericData.Record record = new GenericData.Record(plain);
                List<Field> fields = connect.fields();
                for (int i = 0; i < fields.size(); i++) {
                    Field field = fields.get(i);
                    Field source = struct.schema().field(field.name());
                    record.put(i, value(field.schema(), plain.getFields().get(i).schema(),
                            source == null ? null : struct.get(source), path + "." + field.name()));
                }
                yield record;
            }
        };
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
        byte[] unscaled = scaled.unscaledValue().toByteArray();
        byte[] fixed = new byte[avro.getFixedSize()];
        byte pad = (byte) (scaled.signum() < 0 ? 0xFF : 0x00); // sign-extend to the fixed width
        int offset = fixed.length - unscaled.length;
        for (int i = 0; i < offset; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(unscaled, 0, fixed, offset, unscaled.length);
        return new GenericData.Fixed(avro, fixed);
    }
}
