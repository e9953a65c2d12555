package io.mobility.serde.connect;

import io.mobility.registry.SchemaRegistryClient;
import io.mobility.serde.AvroDeserializer;
import io.mobility.serde.AvroSerdeConfig;
import io.mobility.serde.AvroSerializer;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect {@link Converter} for Confluent wire-format Avro, configured like Confluent's
 * ({@code value.converter.schema.registry.url=...}), so a worker needs no Confluent jar. Decode failures are
 * {@link DataException}s, which Connect's {@code errors.tolerance} and dead-letter queue handle per record.
 */
public class AvroConverter implements Converter, Versioned {

    private final AvroData avroData = new AvroData();
    private AvroSerializer<IndexedRecord> serializer;
    private AvroDeserializer<GenericRecord> deserializer;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        SchemaRegistryClient registry = config.registryClient();
        serializer = new AvroSerializer<>(registry);
        serializer.configure(configs, isKey);
        deserializer = new AvroDeserializer<>(registry);
        deserializer.configure(configs, isKey);
    }

    @Override
    public ConfigDef config() {
        return AvroSerdeConfig.DEFINITION;
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            throw new DataException("AvroConverter needs a schema for the value written to topic '" + topic
                    + "'; schemaless data cannot be written as Avro");
        }
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("AvroConverter writes records; topic '" + topic + "' got a " + schema.type());
        }
        try {
            return serializer.serialize(topic, (IndexedRecord) avroData.toAvroValue(schema, value));
        } catch (SerializationException | ClassCastException e) {
            throw new DataException(
                    "Cannot convert a " + schema.name() + " value for topic '" + topic + "' to Avro: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        try {
            GenericRecord record = deserializer.deserialize(topic, value);
            Schema schema = avroData.toConnectSchema(record.getSchema());
            return new SchemaAndValue(schema, avroData.toConnectValue(record.getSchema(), record));
        } catch (SerializationException e) {
            throw new DataException(e.getMessage(), e);
        }
    }
}
