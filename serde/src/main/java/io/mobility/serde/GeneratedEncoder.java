package io.mobility.serde;

import java.io.IOException;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * The encoder the schemas module generates next to a record class ({@code <Record>Encoder} in the record's package,
 * schemas/src/build/EncoderGenerator.java), wrapped so that its failures name the field: on a bad value (a null in a
 * required field, a value of the wrong type) it fails with a bare NullPointerException or ClassCastException, and
 * the record is written again by the interpreting writer, whose error says which field and why.
 */
final class GeneratedEncoder implements DatumWriter<Object> {

    private final DatumWriter<Object> encoder;
    private final DatumWriter<Object> explaining;

    private GeneratedEncoder(DatumWriter<Object> encoder, DatumWriter<Object> explaining) {
        this.encoder = encoder;
        this.explaining = explaining;
    }

    /** The generated encoder of {@code recordClass} for {@code schema}, if there is one for exactly that schema. */
    @SuppressWarnings("unchecked")
    static Optional<DatumWriter<Object>> of(Class<?> recordClass, Schema schema, DatumWriter<Object> explaining) {
        Class<?> type;
        try {
            type = Class.forName(recordClass.getName() + "Encoder", true, recordClass.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        if (!DatumWriter.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        DatumWriter<Object> encoder;
        try {
            encoder = (DatumWriter<Object>) type.getDeclaredConstructor().newInstance();
            encoder.setSchema(schema);
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            return Optional.empty(); // not an encoder we generated, or generated from another version of the schema
        }
        return Optional.of(new GeneratedEncoder(encoder, explaining));
    }

    @Override
    public void setSchema(Schema schema) {
        encoder.setSchema(schema);
    }

    @Override
    public void write(Object datum, Encoder out) throws IOException {
        try {
            encoder.write(datum, out);
        } catch (NullPointerException | ClassCastException e) {
            explaining.write(datum, new ByteArrayEncoder(256));
            throw e; // the interpreting writer found nothing wrong: the generated code's own failure
        }
    }
}
