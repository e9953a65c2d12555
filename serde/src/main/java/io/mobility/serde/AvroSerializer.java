package io.mobility.serde;

import io.mobility.registry.RegisteredSchema;
import io.mobility.registry.SchemaRegistryClient;
import io.mobility.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in Confluent's wire format, registering or looking up their schema in
 * the registry once per topic and schema. Thread-safe, as a Kafka producer's serializer must be.
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private SubjectNameStrategy subjects = SubjectNameStrategy.TOPIC_NAME;
    private boolean autoRegister = true;
    private boolean isKey;

    private final Map<String, Map<Schema, Integer>> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Class<?>, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private static final int MAX_ROUTES = 8;
    private volatile Route[] routes = new Route[0];
    private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);
    // The last thread's buffer: a producer serializes on one thread, and a ThreadLocal look-up cost 13-20% of
    // serialize (docs/benchmarks.md, simulate). A thread that finds another thread's buffer here takes its own.
    private volatile Buffer lastUsed;

    /** For Kafka to instantiate from configuration; {@link #configure} must follow. */
    public AvroSerializer() {}

    /** Uses {@code registry} instead of the one in the configuration, sharing its cache. */
    public AvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.subjects = config.subjectNameStrategy(isKey);
        this.autoRegister = config.autoRegister();
        if (registry == null) {
            registry = config.registryClient();
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): no schema registry");
        }
        Schema schema = record.getSchema();
        Route route = route(topic, schema, record);
        Buffer buffer = lastUsed;
        if (buffer == null || buffer.owner != Thread.currentThread()) {
            buffer = buffers.get();
            lastUsed = buffer;
        }
        ByteArrayEncoder out = buffer.encoder;
        try {
            out.reset();
            out.writeFixed(HEADER_PLACEHOLDER, 0, WireFormat.HEADER_SIZE);
            route.writer.write(record, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot serialize " + schema.getFullName() + " for topic '" + topic + "': " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, route.schemaId);
        return bytes;
    }

    /**
     * The schema id and writer for a topic and record, from the few routes this serializer used last (a producer
     * writes a handful of topics and record types) before the maps: their look-ups were a tenth of serializing a
     * record once the contract's records got generated encoders.
     */
    private Route route(String topic, Schema schema, T record) {
        Class<?> type = record.getClass();
        Route[] known = routes;
        for (Route r : known) {
            if (r.schema == schema && r.type == type && r.topic.equals(topic)) {
                return r;
            }
        }
        Route route = new Route(topic, schema, type, schemaId(topic, schema), writer(record));
        if (known.length < MAX_ROUTES) {
            Route[] more = Arrays.copyOf(known, known.length + 1);
            more[known.length] = route;
            routes = more; // two threads adding at once may lose one: it is only a cache
        }
        return route;
    }

    private int schemaId(String topic, Schema schema) {
        Map<Schema, Integer> ids = idsByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        Integer id = ids.get(schema);
        if (id != null) {
            return id;
        }
        String subject = subjects.subject(topic, isKey, schema);
        try {
            id = autoRegister
                    ? registry.register(subject, schema)
                    : registry.lookup(subject, schema)
                            .map(RegisteredSchema::id)
                            .orElseThrow(() -> new SerializationException(
                                    "Schema " + schema.getFullName() + " is not registered under subject '" + subject
                                            + "' and auto.register.schemas=false"));
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Cannot get a schema id for " + schema.getFullName() + " under subject '" + subject + "': "
                            + e.getMessage(),
                    e);
        }
        ids.put(schema, id);
        return id;
    }

    private DatumWriter<Object> writer(T record) {
        if (record instanceof SpecificRecordBase specific) {
            // by class: a generic record of the same schema must not get the class's generated encoder
            DatumWriter<Object> known = specificWriters.get(record.getClass());
            return known != null
                    ? known
                    : specificWriters.computeIfAbsent(record.getClass(), type -> {
                        DatumWriter<Object> interpreting =
                                new CompiledDatumWriter(specific.getSchema(), specific.getSpecificData());
                        return GeneratedEncoder.of(type, specific.getSchema(), interpreting)
                                .orElse(interpreting);
                    });
        }
        DatumWriter<Object> known = genericWriters.get(record.getSchema());
        if (known != null) {
            return known; // the lambda below captures the record, so it would be allocated on every call
        }
        return genericWriters.computeIfAbsent(
                record.getSchema(),
                schema -> new CompiledDatumWriter(schema, LogicalTypes.genericDataWithConversions()));
    }

    /** Matched by identity of the schema and class: a generic record of a class's schema gets a generic writer. */
    private record Route(String topic, Schema schema, Class<?> type, int schemaId, DatumWriter<Object> writer) {}

    private static final byte[] HEADER_PLACEHOLDER = new byte[WireFormat.HEADER_SIZE];

    /** Per-thread scratch space: encoding reuses one stream and one encoder. */
    private static final class Buffer {
        final Thread owner = Thread.currentThread();
        final ByteArrayEncoder encoder = new ByteArrayEncoder(512);
    }
}
