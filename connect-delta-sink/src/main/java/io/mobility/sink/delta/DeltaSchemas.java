package io.mobility.sink.delta;

import io.delta.standalone.types.ArrayType;
import io.delta.standalone.types.BinaryType;
import io.delta.standalone.types.BooleanType;
import io.delta.standalone.types.ByteType;
import io.delta.standalone.types.DataType;
import io.delta.standalone.types.DateType;
import io.delta.standalone.types.DecimalType;
import io.delta.standalone.types.DoubleType;
import io.delta.standalone.types.FloatType;
import io.delta.standalone.types.IntegerType;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.MapType;
import io.delta.standalone.types.ShortType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import io.delta.standalone.types.TimestampType;
import io.mobility.serde.connect.AvroData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas to Delta schemas and back. Enums are strings, decimals keep precision and scale, Connect
 * timestamps are Delta timestamps, 8- and 16-bit integers widen to int (Avro, and so the contract, has no smaller).
 */
final class DeltaSchemas {

    private DeltaSchemas() {}

    /**
     * Top-level columns keep their nullability; nested fields are always nullable, because Delta enforces a nested
     * NOT NULL even where the enclosing struct is null (a ride without a fare has no fare.total), and Spark's
     * OPTIMIZE of such a table fails with DELTA_NOT_NULL_CONSTRAINT_VIOLATED.
     */
    static StructType toDelta(Schema struct) {
        return new StructType(struct.fields().stream()
                .map(f -> new StructField(
                        f.name(),
                        toDeltaType(f.schema(), f.name() + "."),
                        f.schema().isOptional()))
                .toArray(StructField[]::new));
    }

    private static DataType toDeltaType(Schema schema, String path) {
        String name = schema.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            String precision = schema.parameters().get(AvroData.DECIMAL_PRECISION);
            return new DecimalType(precision == null ? 38 : Integer.parseInt(precision), scale);
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return new TimestampType();
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return new DateType();
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return new IntegerType();
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> new IntegerType();
            case INT64 -> new LongType();
            case FLOAT32 -> new FloatType();
            case FLOAT64 -> new DoubleType();
            case BOOLEAN -> new BooleanType();
            case STRING -> new StringType();
            case BYTES -> new BinaryType();
            case ARRAY ->
                new ArrayType(
                        toDeltaType(schema.valueSchema(), path + "[]"),
                        schema.valueSchema().isOptional());
            case MAP ->
                new MapType(
                        toDeltaType(schema.keySchema(), path + "{key}"),
                        toDeltaType(schema.valueSchema(), path + "{}"),
                        schema.valueSchema().isOptional());
            case STRUCT ->
                new StructType(schema.fields().stream()
                        .map(f -> new StructField(f.name(), toDeltaType(f.schema(), path + f.name() + "."), true))
                        .toArray(StructField[]::new));
        };
    }

    static Schema toConnect(StructType struct) {
        SchemaBuilder builder = SchemaBuilder.struct();
        for (StructField field : struct.getFields()) {
            builder.field(field.getName(), toConnectType(field.getDataType(), field.isNullable(), field.getName()));
        }
        return builder.build();
    }

    private static Schema toConnectType(DataType type, boolean nullable, String path) {
        SchemaBuilder builder;
        if (type instanceof DecimalType decimal) {
            builder = Decimal.builder(decimal.getScale())
                    .parameter(AvroData.DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
        } else if (type instanceof TimestampType) {
            builder = Timestamp.builder();
        } else if (type instanceof DateType) {
            builder = Date.builder();
        } else if (type instanceof IntegerType) {
            builder = SchemaBuilder.int32();
        } else if (type instanceof ShortType) {
            builder = SchemaBuilder.int16();
        } else if (type instanceof ByteType) {
            builder = SchemaBuilder.int8();
        } else if (type instanceof LongType) {
            builder = SchemaBuilder.int64();
        } else if (type instanceof FloatType) {
            builder = SchemaBuilder.float32();
        } else if (type instanceof DoubleType) {
            builder = SchemaBuilder.float64();
        } else if (type instanceof BooleanType) {
            builder = SchemaBuilder.bool();
        } else if (type instanceof StringType) {
            builder = SchemaBuilder.string();
        } else if (type instanceof BinaryType) {
            builder = SchemaBuilder.bytes();
        } else if (type instanceof ArrayType array) {
            builder = SchemaBuilder.array(toConnectType(array.getElementType(), array.containsNull(), path + "[]"));
        } else if (type instanceof MapType map) {
            builder = SchemaBuilder.map(
                    toConnectType(map.getKeyType(), false, path + "{key}"),
                    toConnectType(map.getValueType(), map.valueContainsNull(), path + "{}"));
        } else if (type instanceof StructType struct) {
            builder = SchemaBuilder.struct();
            for (StructField field : struct.getFields()) {
                builder.field(
                        field.getName(),
                        toConnectType(field.getDataType(), field.isNullable(), path + "." + field.getName()));
            }
        } else {
            throw new DataException(
                    "Column '" + path + "' has Delta type " + type.getTypeName() + ", which the sink cannot write");
        }
        return (nullable ? builder.optional() : builder).build();
    }

    /** The schema of a table's data files: its columns minus the partition columns, which live in the log only. */
    static Schema withoutColumns(Schema table, java.util.Collection<String> columns) {
        SchemaBuilder builder = SchemaBuilder.struct().name(table.name());
        for (Field field : table.fields()) {
            if (!columns.contains(field.name())) {
                builder.field(field.name(), field.schema());
            }
        }
        return builder.build();
    }
}
