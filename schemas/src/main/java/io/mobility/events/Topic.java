package io.mobility.events;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the platform: its name, the Avro record its values carry, what its key is and whether Kafka keeps only
 * the latest value per key.
 *
 * @param name Kafka topic name
 * @param valueType generated class of the value
 * @param key what the (string) key holds
 * @param compacted true for reference data and state changelogs ({@code cleanup.policy=compact})
 */
public record Topic(String name, Class<? extends SpecificRecord> valueType, String key, boolean compacted) {

    /** Subject of the value schema under Confluent's default TopicNameStrategy. */
    public String valueSubject() {
        return name + "-value";
    }

    public Schema valueSchema() {
        return SpecificData.get().getSchema(valueType);
    }
}
