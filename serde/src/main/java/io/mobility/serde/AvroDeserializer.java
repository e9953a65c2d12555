package io.mobility.serde;

import io.mobility.registry.RegistryUnreachableException;
import io.mobility.registry.SchemaRegistryClient;
import io.mobility.registry.SchemaRegistryException;
import io.mobility.registry.UnknownSchemaIdException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro: the writer's schema comes from the registry by the id in the header, and the
 * record is resolved to the reader's schema (a generated class, a given schema, or the writer's own), so old and new
 * producers can share a topic. Failures are {@link AvroDecodeException}s that say why, for quarantine routing.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private Schema readerSchema;
    private boolean specific;
    private GenericData genericModel = GenericData.get();
    private boolean compiledReader = true;

    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /** For Kafka to instantiate from configuration; {@link #configure} must follow. */
    public AvroDeserializer() {}

    /** Uses {@code registry} instead of the one in the configuration, sharing its cache. */
    public AvroDeserializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Reads every record into {@code type}, whatever version of its schema the writer used. */
    public AvroDeserializer(SchemaRegistryClient registry, Class<? extends SpecificRecord> type) {
        this.registry = registry;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.specific = true;
    }

    /** Reads every record as a generic record of {@code readerSchema} (Avro schema resolution applies). */
    public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (registry == null) {
            registry = config.registryClient();
        }
        if (readerSchema == null) {
            specific = config.specificReader();
        }
        if (config.logicalTypeConverters()) {
            genericModel = LogicalTypes.genericDataWithConversions();
        }
        compiledReader = config.compiledReader();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): no schema registry");
        }
        int writerId = WireFormat.schemaId(data, topic);
        DatumReader<T> reader = reader(topic, writerId);
        try {
            return reader instanceof CompiledDatumReader compiled
                    ? (T) compiled.read(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE)
                    : readWithAvro(reader, data);
        } catch (CompiledDatumReader.TrailingBytesException e) {
            throw new AvroDecodeException(
                    AvroDecodeException.Reason.MALFORMED_PAYLOAD,
                    topic,
                    "bytes left over after a complete record of schema id " + writerId);
        } catch (AvroTypeException e) {
            throw new AvroDecodeException(
                    AvroDecodeException.Reason.INCOMPATIBLE_SCHEMA,
                    topic,
                    "writer schema id " + writerId + " cannot be read as the reader's schema: " + e.getMessage(),
                    e);
        } catch (IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | NumberFormatException e) { // the last: a zero-length decimal, which has no unscaled value
            throw new AvroDecodeException(
                    AvroDecodeException.Reason.MALFORMED_PAYLOAD,
                    topic,
                    "Avro bytes do not match writer schema id " + writerId + ": " + e,
                    e);
        }
    }

    private T readWithAvro(DatumReader<T> reader, byte[] data) throws IOException {
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, decoders.get());
        decoders.set(decoder);
        T record = reader.read(null, decoder);
        if (!decoder.isEnd()) {
            throw new CompiledDatumReader.TrailingBytesException();
        }
        return record;
    }

    /** The registry this deserializer reads writer schemas from. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    /** The reader for data of schema {@code writerId}, made on first use (package-visible for tests). */
    DatumReader<T> reader(String topic, int writerId) {
        DatumReader<T> cached = readersByWriterId.get(writerId);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.schemaById(writerId);
        } catch (UnknownSchemaIdException e) {
            throw new AvroDecodeException(
                    AvroDecodeException.Reason.UNKNOWN_SCHEMA_ID,
                    topic,
                    "schema id " + writerId + " is not in the registry",
                    e);
        } catch (RegistryUnreachableException e) {
            throw new AvroDecodeException(AvroDecodeException.Reason.REGISTRY_UNAVAILABLE, topic, e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            AvroDecodeException.Reason reason = e.httpStatus() >= 500
                    ? AvroDecodeException.Reason.REGISTRY_UNAVAILABLE
                    : AvroDecodeException.Reason.UNKNOWN_SCHEMA_ID;
            throw new AvroDecodeException(reason, topic, e.getMessage(), e);
        }
        DatumReader<T> reader = newReader(topic, writer);
        readersByWriterId.putIfAbsent(writerId, reader);
        return reader;
    }

    private DatumReader<T> newReader(String topic, Schema writer) {
        if (!specific) {
            return fastest(writer, readerSchema != null ? readerSchema : writer, genericModel);
        }
        Schema reader = readerSchema;
        if (reader == null) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new AvroDecodeException(
                        AvroDecodeException.Reason.INCOMPATIBLE_SCHEMA,
                        topic,
                        "specific.avro.reader=true but no generated class " + writer.getFullName()
                                + " is on the classpath");
            }
            reader = SpecificData.get().getSchema(generated);
        }
        return fastest(writer, reader, SpecificData.getForSchema(reader));
    }

    /** The compiled reader when the writer wrote the reader's schema, else Avro's resolving reader. */
    @SuppressWarnings("unchecked")
    private DatumReader<T> fastest(Schema writer, Schema reader, GenericData model) {
        DatumReader<?> compiled = compiledReader ? CompiledDatumReader.forSchemas(writer, reader, model) : null;
        if (compiled != null) {
            return (DatumReader<T>) compiled;
        }
        return model instanceof SpecificData specificModel
                ? new SpecificDatumReader<>(writer, reader, specificModel)
                : new GenericDatumReader<>(writer, reader, model);
    }
}
