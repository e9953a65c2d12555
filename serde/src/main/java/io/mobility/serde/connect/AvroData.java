package io.mobility.serde.connect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates between Avro and Kafka Connect's data model, both ways, for schemas and values.
 *
 * <p>Records become structs, {@code [null, T]} unions optional fields, decimals Connect {@link Decimal}s, dates and
 * timestamp-millis Connect {@link Date}s and {@link Timestamp}s, enums strings. What Connect has no type for (an enum's
 * symbols, a decimal's precision, other logical types) travels in schema parameters so that the way back restores the
 * same Avro schema. Unions of several non-null types are refused with the field's name: the contract has none.
 */
public final class AvroData {

    /** Schema parameter naming the Avro enum a Connect string came from. */
    public static final String ENUM_NAME = "io.mobility.avro.enum";
    /** Comma-separated symbols of that enum, in order. */
    public static final String ENUM_SYMBOLS = "io.mobility.avro.enum.symbols";
    /** Precision of a decimal, under the parameter name Confluent's converter also uses. */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** Avro logical type that Connect has no type for (e.g. timestamp-micros), kept on the underlying type. */
    public static final String LOGICAL_TYPE = "io.mobility.avro.logicalType";

    private static final int DEFAULT_DECIMAL_PRECISION = 38;

    private final Map<org.apache.avro.Schema, Schema> toConnectSchemas = new ConcurrentHashMap<>();
    private final Map<Schema, org.apache.avro.Schema> toAvroSchemas = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- Avro -> Connect

    public Schema toConnectSchema(org.apache.avro.Schema avro) {
        return toConnectSchemas.computeIfAbsent(
                avro, s -> connectBuilder(s, s.getFullName()).build());
    }

    /** The Connect value of an Avro datum (generic, raw or converted logical values) of schema {@code avro}. */
    public Object toConnectValue(org.apache.avro.Schema avro, Object value) {
        return connectValue(avro, toConnectSchema(avro), value);
    }

    private SchemaBuilder connectBuilder(org.apache.avro.Schema avro, String path) {
        LogicalType logical = avro.getLogicalType();
        SchemaBuilder builder = switch (avro.getType()) {
            case RECORD -> {
                SchemaBuilder struct = SchemaBuilder.struct().name(avro.getFullName());
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    struct.field(
                            field.name(),
                            connectBuilder(field.schema(), path + "." + field.name())
                                    .build());
                }
                yield struct;
            }
            case UNION -> {
                org.apache.avro.Schema branch = nonNullBranch(avro, path);
                yield connectBuilder(branch, path).optional();
            }
            case ENUM ->
                SchemaBuilder.string()
                        .parameter(ENUM_NAME, avro.getFullName())
                        .parameter(ENUM_SYMBOLS, String.join(",", avro.getEnumSymbols()));
            case STRING -> SchemaBuilder.string();
            case BYTES, FIXED -> {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    yield Decimal.builder(decimal.getScale())
                            .parameter(DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
                }
                yield SchemaBuilder.bytes();
            }
            case INT -> {
                if (logical instanceof LogicalTypes.Date) {
                    yield Date.builder();
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    yield Time.builder();
                }
                yield keepLogical(SchemaBuilder.int32(), logical);
            }
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    yield Timestamp.builder();
                }
                yield keepLogical(SchemaBuilder.int64(), logical);
            }
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case ARRAY ->
                SchemaBuilder.array(
                        connectBuilder(avro.getElementType(), path + "[]").build());
            case MAP ->
                SchemaBuilder.map(
                        Schema.STRING_SCHEMA,
                        connectBuilder(avro.getValueType(), path + "{}").build());
            case NULL -> throw new DataException("Avro type null alone at " + path + " has no Connect equivalent");
        };
        if (avro.getDoc() != null && avro.getType() == org.apache.avro.Schema.Type.RECORD) {
            builder.doc(avro.getDoc());
        }
        return builder;
    }

    private static SchemaBuilder keepLogical(SchemaBuilder builder, LogicalType logical) {
        return logical == null ? builder : builder.parameter(LOGICAL_TYPE, logical.getName());
    }

    private Object connectValue(org.apache.avro.Schema avro, Schema connect, Object value) {
        if (value == null) {
            return null;
        }
        LogicalType logical = avro.getLogicalType();
        return switch (avro.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                Struct struct = new Struct(connect);
                // toConnectSchema built the struct's fields in the record's order, so positions match
                List<Field> fields = connect.fields();
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    Field target = fields.get(field.pos());
                    struct.put(target, connectValue(field.schema(), target.schema(), record.get(field.pos())));
                }
                yield struct;
            }
            case UNION -> connectValue(checkedNonNullBranch(avro), connect, value);
            case ENUM, STRING -> value.toString();
            case BYTES, FIXED -> {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    yield value instanceof BigDecimal big
                            ? big
                            : new BigDecimal(new BigInteger(bytes(value)), decimal.getScale());
                }
                yield bytes(value);
            }
            case INT -> {
                if (logical instanceof LogicalTypes.Date) {
                    long days = value instanceof LocalDate date ? date.toEpochDay() : ((Number) value).longValue();
                    yield new java.util.Date(days * 86_400_000L);
                }
                if (logical instanceof LogicalTypes.TimeMillis) {
                    yield new java.util.Date(
                            value instanceof java.time.LocalTime time
                                    ? time.toNanoOfDay() / 1_000_000
                                    : ((Number) value).longValue());
                }
                yield value;
            }
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    yield value instanceof Instant instant
                            ? java.util.Date.from(instant)
                            : new java.util.Date(((Number) value).longValue());
                }
                yield value instanceof Instant instant ? micros(instant) : value;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    list.add(connectValue(avro.getElementType(), connect.valueSchema(), element));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) value)
                        .forEach((k, v) ->
                                map.put(k.toString(), connectValue(avro.getValueType(), connect.valueSchema(), v)));
                yield map;
            }
            case FLOAT, DOUBLE, BOOLEAN -> value;
            case NULL -> null;
        };
    }

    // ---------------------------------------------------------------- Connect -> Avro

    public org.apache.avro.Schema toAvroSchema(Schema connect) {
        return toAvroSchemas.computeIfAbsent(connect, s -> avroSchema(s, "value"));
    }

    /** The Avro datum (generic, logical types as BigDecimal, Instant and LocalDate) of a Connect value. */
    public Object toAvroValue(Schema connect, Object value) {
        return avroValue(connect, toAvroSchema(connect), value);
    }

    private org.apache.avro.Schema avroSchema(Schema connect, String path) {
        org.apache.avro.Schema plain = plainAvroSchema(connect, path);
        return connect.isOptional()
                ? org.apache.avro.Schema.createUnion(
                        org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), plain)
                : plain;
    }

    private org.apache.avro.Schema plainAvroSchema(Schema connect, String path) {
        Map<String, String> params = connect.parameters() == null ? Map.of() : connect.parameters();
        if (Decimal.LOGICAL_NAME.equals(connect.name())) {
            int precision = Integer.parseInt(
                    params.getOrDefault(DECIMAL_PRECISION, Integer.toString(DEFAULT_DECIMAL_PRECISION)));
            int scale = Integer.parseInt(params.get(Decimal.SCALE_FIELD));
            return LogicalTypes.decimal(precision, scale)
                    .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
        }
        if (Date.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
        }
        if (Time.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.timeMillis()
                    .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
        }
        if (Timestamp.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.timestampMillis()
                    .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
        }
        return switch (connect.type()) {
            case STRUCT -> {
                List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
                for (Field field : connect.fields()) {
                    fields.add(new org.apache.avro.Schema.Field(
                            field.name(),
                            avroSchema(field.schema(), path + "." + field.name()),
                            null,
                            field.schema().isOptional() ? JsonProperties.NULL_VALUE : null));
                }
                String fullName = connect.name() != null ? connect.name() : "ConnectDefault";
                int dot = fullName.lastIndexOf('.');
                yield org.apache.avro.Schema.createRecord(
                        fullName.substring(dot + 1),
                        connect.doc(),
                        dot < 0 ? null : fullName.substring(0, dot),
                        false,
                        fields);
            }
            case STRING -> {
                if (params.containsKey(ENUM_NAME)) {
                    String name = params.get(ENUM_NAME);
                    int dot = name.lastIndexOf('.');
                    List<String> symbols = List.of(params.get(ENUM_SYMBOLS).split(","));
                    yield org.apache.avro.Schema.createEnum(
                            name.substring(dot + 1),
                            null,
                            dot < 0 ? null : name.substring(0, dot),
                            symbols,
                            symbols.get(0));
                }
                yield org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
            }
            case BYTES -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
            case INT8, INT16, INT32 -> withLogical(org.apache.avro.Schema.Type.INT, params);
            case INT64 -> withLogical(org.apache.avro.Schema.Type.LONG, params);
            case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
            case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
            case ARRAY -> org.apache.avro.Schema.createArray(avroSchema(connect.valueSchema(), path + "[]"));
            case MAP -> {
                if (connect.keySchema().type() != Schema.Type.STRING) {
                    throw new DataException("Map at " + path + " has "
                            + connect.keySchema().type() + " keys; Avro maps need string keys");
                }
                yield org.apache.avro.Schema.createMap(avroSchema(connect.valueSchema(), path + "{}"));
            }
        };
    }

    private static org.apache.avro.Schema withLogical(org.apache.avro.Schema.Type type, Map<String, String> params) {
        org.apache.avro.Schema schema = org.apache.avro.Schema.create(type);
        String logical = params.get(LOGICAL_TYPE);
        if (logical != null) {
            schema.addProp(LogicalType.LOGICAL_TYPE_PROP, logical);
            return new org.apache.avro.Schema.Parser().parse(schema.toString());
        }
        return schema;
    }

    private Object avroValue(Schema connect, org.apache.avro.Schema avro, Object value) {
        if (value == null) {
            if (!connect.isOptional()) {
                throw new DataException("Null value for required " + describe(connect));
            }
            return null;
        }
        org.apache.avro.Schema plain =
                avro.getType() == org.apache.avro.Schema.Type.UNION ? nonNullBranch(avro, connect.name()) : avro;
        if (Decimal.LOGICAL_NAME.equals(connect.name())) {
            return value; // a BigDecimal: the serializer's data model encodes it
        }
        if (Timestamp.LOGICAL_NAME.equals(connect.name())) {
            return Instant.ofEpochMilli(((java.util.Date) value).getTime());
        }
        if (Date.LOGICAL_NAME.equals(connect.name())) {
            return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L));
        }
        if (Time.LOGICAL_NAME.equals(connect.name())) {
            return (int) ((java.util.Date) value).getTime();
        }
        return switch (connect.type()) {
            case STRUCT -> {
                Struct struct = (Struct) value;
                GenericData.Record record = new GenericData.Record(plain);
                for (Field field : connect.fields()) {
                    record.put(
                            field.name(),
                            avroValue(
                                    field.schema(), plain.getField(field.name()).schema(), struct.get(field)));
                }
                yield record;
            }
            case STRING ->
                plain.getType() == org.apache.avro.Schema.Type.ENUM
                        ? new GenericData.EnumSymbol(plain, value.toString())
                        : value.toString();
            case BYTES -> value instanceof byte[] array ? ByteBuffer.wrap(array) : value;
            case INT8 -> ((Byte) value).intValue();
            case INT16 -> ((Short) value).intValue();
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    list.add(avroValue(connect.valueSchema(), plain.getElementType(), element));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                ((Map<?, ?>) value)
                        .forEach((k, v) -> map.put(
                                Objects.toString(k), avroValue(connect.valueSchema(), plain.getValueType(), v)));
                yield map;
            }
            case INT32, INT64, FLOAT32, FLOAT64, BOOLEAN -> value;
        };
    }

    // ---------------------------------------------------------------- shared

    private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union, String path) {
        List<org.apache.avro.Schema> branches = union.getTypes().stream()
                .filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL)
                .toList();
        if (branches.size() != 1 || union.getTypes().size() != 2) {
            throw new DataException("Avro union " + union + " at " + path
                    + " is not supported: only [\"null\", T] unions map to Connect (as optional fields)");
        }
        return branches.get(0);
    }

    /** The T of a ["null", T] union that toConnectSchema has already accepted; per value, so no streams. */
    private static org.apache.avro.Schema checkedNonNullBranch(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> branches = union.getTypes();
        return branches.get(0).getType() == org.apache.avro.Schema.Type.NULL ? branches.get(1) : branches.get(0);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes();
        }
        return (byte[]) value;
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static String describe(Schema schema) {
        return schema.type() + (schema.name() != null ? " " + schema.name() : "") + " field";
    }
}
