package io.mobility.serde;

import io.mobility.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} for generic records: each value is read with the schema it was written with. */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final AvroSerializer<GenericRecord> serializer;
    private final AvroDeserializer<GenericRecord> deserializer;

    public GenericAvroSerde() {
        this(null);
    }

    public GenericAvroSerde(SchemaRegistryClient registry) {
        this.serializer = new AvroSerializer<>(registry);
        this.deserializer = new AvroDeserializer<>(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
