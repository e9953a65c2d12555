import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Writes a {@code <Record>Encoder} next to each record class that Avro's compiler generates from {@code
 * src/main/avro}: the record's binary encoding as straight-line code, the bytes {@code SpecificDatumWriter} writes.
 * Avro generates such code itself ({@code customEncode}) only for records without logical types, and every event of
 * the contract has timestamps or money; interpreting the schema for each record was half of what serializing cost
 * (docs/benchmarks.md, serde). The serde's serializer uses an encoder when one sits next to a record class.
 *
 * <p>Run by Maven in generate-sources (schemas/pom.xml) as a single-file program, with Avro on the class path:
 * {@code java -cp <avro> EncoderGenerator.java SCHEMA_DIR OUTPUT_DIR}. The generated code holds the same choices as
 * the Avro compiler's configuration there: strings as {@code String}, decimals as {@code BigDecimal}, timestamps as
 * {@code Instant}, dates as {@code LocalDate}. A record with a type it does not know gets no encoder (it says so):
 * the serializer then interprets its schema, as before.
 */
public final class EncoderGenerator {

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: EncoderGenerator SCHEMA_DIR OUTPUT_DIR");
        }
        Map<String, Schema> records = new TreeMap<>();
        for (Schema s : parseAll(Path.of(args[0]))) {
            if (s.getType() == Schema.Type.RECORD) {
                records.put(s.getFullName(), s);
            }
        }
        int written = 0;
        for (Schema record : records.values()) {
            String unsupported = unsupported(record, new ArrayList<>());
            if (unsupported != null) {
                System.out.println("[encoders] no encoder for " + record.getFullName() + ": " + unsupported
                        + "; the serializer interprets its schema instead");
                continue;
            }
            Path file = Path.of(args[1], record.getNamespace().replace('.', '/'), record.getName() + "Encoder.java");
            Files.createDirectories(file.getParent());
            String source = new EncoderGenerator(record).source();
            if (!Files.exists(file) || !Files.readString(file).equals(source)) {
                Files.writeString(file, source, StandardCharsets.UTF_8);
            }
            written++;
        }
        System.out.println("[encoders] " + written + " record encoders in " + args[1]);
    }

    /** Every named schema in the directory, parsed in whatever order resolves the references between files. */
    private static List<Schema> parseAll(Path dir) throws IOException {
        List<Path> pending;
        try (Stream<Path> files = Files.walk(dir)) {
            pending = files.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted()
                    .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<Path> later = new ArrayList<>();
            AvroRuntimeException last = null;
            for (Path file : pending) {
                Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                try {
                    parser.parse(file.toFile());
                    known.putAll(parser.getTypes());
                } catch (AvroRuntimeException e) {
                    later.add(file); // names a type of a file not parsed yet (unknown name, or a default of it)
                    last = e;
                }
            }
            if (later.size() == pending.size()) {
                throw new IllegalStateException("cannot parse " + later + ": " + last.getMessage(), last);
            }
            pending = later;
        }
        return new ArrayList<>(known.values());
    }

    /** Why a record cannot get an encoder, or null when it can. */
    private static String unsupported(Schema s, List<Schema> visiting) {
        LogicalType logical = s.getLogicalType();
        if (logical != null) {
            boolean known = (logical instanceof LogicalTypes.Decimal && s.getType() == Schema.Type.BYTES)
                    || (logical instanceof LogicalTypes.TimestampMillis && s.getType() == Schema.Type.LONG)
                    || (logical instanceof LogicalTypes.Date && s.getType() == Schema.Type.INT);
            return known ? null : "logical type " + logical.getName() + " on " + s.getType();
        }
        return switch (s.getType()) {
            case RECORD -> {
                if (visiting.contains(s)) {
                    yield "recursive record " + s.getFullName();
                }
                visiting.add(s);
                for (Schema.Field f : s.getFields()) {
                    String why = unsupported(f.schema(), visiting);
                    if (why != null) {
                        yield why;
                    }
                }
                visiting.remove(s);
                yield null;
            }
            case UNION -> {
                List<Schema> types = s.getTypes();
                if (types.size() != 2 || types.stream().noneMatch(t -> t.getType() == Schema.Type.NULL)) {
                    yield "union " + s + " (only [null, T] and [T, null] are generated)";
                }
                yield unsupported(nonNull(s), visiting);
            }
            case ARRAY -> unsupported(s.getElementType(), visiting);
            case MAP -> "map (no contract record has one: generate it here, and RecordEncodersTest checks it)";
            case FIXED -> "fixed " + s.getFullName();
            default -> null;
        };
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().get(union.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0);
    }

    /** Written into the encoders of records with money. */
    private static final String DECIMAL_HELPER = """

            /**
             * What Avro's DecimalConversion writes (the unscaled value's two's complement, big-endian, in as
             * few bytes as BigInteger.toByteArray) without its arrays, for values of the schema's scale whose
             * unscaled value is below {@code limit}; the conversion itself for the others (it rescales or
             * refuses them).
             */
            private static void decimal(java.math.BigDecimal value, org.apache.avro.LogicalTypes.Decimal type,
                                        long limit, org.apache.avro.io.Encoder out) throws java.io.IOException {
                if (value.scale() == type.getScale() && limit > 0) {
                    java.math.BigInteger unscaled = value.unscaledValue();
                    if (unscaled.bitLength() < 64) {
                        long u = unscaled.longValue();
                        if (u > -limit && u < limit) {
                            int length = (64 - Long.numberOfLeadingZeros(u < 0 ? ~u : u)) / 8 + 1;
                            byte[] bytes = new byte[length];
                            for (int i = length - 1; i >= 0; i--, u >>= 8) {
                                bytes[i] = (byte) u;
                            }
                            out.writeBytes(bytes, 0, length);
                            return;
                        }
                    }
                }
                out.writeBytes(DECIMALS.toBytes(value, BYTES, type));
            }
        """;

    private final Schema record;
    private final StringBuilder body = new StringBuilder();
    private final Map<String, String> decimals = new TreeMap<>();
    private int depth;

    private EncoderGenerator(Schema record) {
        this.record = record;
    }

    private String source() {
        String type = record.getName();
        List<Schema.Field> fields = record.getFields();
        for (Schema.Field f : fields) {
            line(2, "v = record.get(" + f.pos() + "); // " + f.name());
            write(f.schema(), "v", 2);
        }
        StringBuilder out = new StringBuilder();
        out.append("// Generated by schemas/src/build/EncoderGenerator.java from the schema of ")
                .append(type)
                .append(". Do not edit.\n");
        out.append("package ").append(record.getNamespace()).append(";\n\n");
        out.append("/** The Avro binary encoding of {@link ")
                .append(type)
                .append("}, field by field: the bytes " + "{@code SpecificDatumWriter} writes. */\n");
        out.append("public final class ")
                .append(type)
                .append("Encoder implements org.apache.avro.io.DatumWriter<")
                .append(type)
                .append("> {\n\n");
        decimals.forEach((name, decl) -> out.append("    private static final org.apache.avro.LogicalTypes.Decimal ")
                .append(name)
                .append(" = ")
                .append(decl)
                .append(";\n"));
        if (!decimals.isEmpty()) {
            out.append("    private static final org.apache.avro.Schema BYTES = org.apache.avro.Schema.create("
                    + "org.apache.avro.Schema.Type.BYTES);\n");
            out.append("    private static final org.apache.avro.Conversions.DecimalConversion DECIMALS = "
                    + "new org.apache.avro.Conversions.DecimalConversion();\n\n");
        }
        out.append("""
                    /** Only the schema it was generated from: {@code record}'s own. */
                    @Override
                    public void setSchema(org.apache.avro.Schema schema) {
                        if (!%1$s.getClassSchema().equals(schema)) {
                            throw new UnsupportedOperationException("%1$sEncoder writes only the schema of %1$s");
                        }
                    }

                    @Override
                    public void write(%1$s record, org.apache.avro.io.Encoder out) throws java.io.IOException {
                        encode(record, out);
                    }

                    public static void encode(%1$s record, org.apache.avro.io.Encoder out) throws java.io.IOException {
                        Object v;
                """.formatted(type));
        out.append(body);
        out.append("""
                    }

                    private static void string(Object value, org.apache.avro.io.Encoder out) \
                throws java.io.IOException {
                        if (value instanceof String s) {
                            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            out.writeInt(utf8.length);
                            out.writeFixed(utf8, 0, utf8.length);
                        } else {
                            out.writeString((CharSequence) value);
                        }
                    }
                """);
        if (!decimals.isEmpty()) {
            out.append(DECIMAL_HELPER);
        }
        out.append("}\n");
        return out.toString();
    }

    /** Statements writing {@code value} (an Object-typed expression, evaluated once) of schema {@code s}. */
    private void write(Schema s, String value, int indent) {
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            String name = "DECIMAL_" + d.getPrecision() + "_" + d.getScale();
            decimals.put(name, "org.apache.avro.LogicalTypes.decimal(" + d.getPrecision() + ", " + d.getScale() + ")");
            // 10^precision bounds the unscaled values of the fast path; 0 (none) beyond a long's digits
            long limit = d.getPrecision() <= 18
                    ? java.math.BigInteger.TEN.pow(d.getPrecision()).longValueExact()
                    : 0;
            line(indent, "decimal((java.math.BigDecimal) " + value + ", " + name + ", " + limit + "L, out);");
            return;
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            line(indent, "out.writeLong(((java.time.Instant) " + value + ").toEpochMilli());");
            return;
        }
        if (logical instanceof LogicalTypes.Date) {
            line(indent, "out.writeInt((int) ((java.time.LocalDate) " + value + ").toEpochDay());");
            return;
        }
        switch (s.getType()) {
            case NULL -> line(indent, "out.writeNull();");
            case BOOLEAN -> line(indent, "out.writeBoolean((Boolean) " + value + ");");
            case INT -> line(indent, "out.writeInt(((Number) " + value + ").intValue());");
            case LONG -> line(indent, "out.writeLong(((Number) " + value + ").longValue());");
            case FLOAT -> line(indent, "out.writeFloat(((Number) " + value + ").floatValue());");
            case DOUBLE -> line(indent, "out.writeDouble(((Number) " + value + ").doubleValue());");
            case STRING -> line(indent, "string(" + value + ", out);");
            case BYTES -> line(indent, "out.writeBytes((java.nio.ByteBuffer) " + value + ");");
            case ENUM -> line(indent, "out.writeEnum(((Enum<?>) " + value + ").ordinal());");
            case RECORD ->
                line(indent, s.getFullName() + "Encoder.encode((" + s.getFullName() + ") " + value + ", out);");
            case UNION -> {
                int nullIndex = s.getTypes().get(0).getType() == Schema.Type.NULL ? 0 : 1;
                line(indent, "if (" + value + " == null) {");
                line(indent + 1, "out.writeIndex(" + nullIndex + ");");
                line(indent, "} else {");
                line(indent + 1, "out.writeIndex(" + (1 - nullIndex) + ");");
                write(nonNull(s), value, indent + 1);
                line(indent, "}");
            }
            case ARRAY -> {
                String items = "items" + depth;
                String item = "item" + depth++;
                line(indent, "java.util.Collection<?> " + items + " = (java.util.Collection<?>) " + value + ";");
                line(indent, "out.writeArrayStart();");
                line(indent, "out.setItemCount(" + items + ".size());");
                line(indent, "for (Object " + item + " : " + items + ") {");
                line(indent + 1, "out.startItem();");
                write(s.getElementType(), item, indent + 1);
                line(indent, "}");
                line(indent, "out.writeArrayEnd();");
            }
            default -> throw new IllegalStateException("not generated: " + s); // unsupported() rules these out
        }
    }

    private void line(int indent, String text) {
        body.append("    ".repeat(indent)).append(text).append('\n');
    }
}
