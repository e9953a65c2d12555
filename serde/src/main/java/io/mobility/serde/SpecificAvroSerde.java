package io.mobility.serde;

import io.mobility.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for one generated Avro class: values written with any compatible version of its schema are
 * read into {@code T}. Configure with {@code schema.registry.url} like any Kafka serde.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** A serde whose registry comes from {@link #configure}. */
    public SpecificAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** A serde on an existing registry client; {@link #configure} still reads the other settings. */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.serializer = new AvroSerializer<>(registry);
        this.deserializer = new AvroDeserializer<>(registry, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
