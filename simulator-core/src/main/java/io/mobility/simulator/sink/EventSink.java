package io.mobility.simulator.sink;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where produced records go: Kafka in production, a list in tests. Keys are strings; values are either Avro records
 * (serialized by the sink in the project's wire format) or raw bytes sent as they are (for faults that no serializer
 * would produce).
 */
public interface EventSink extends AutoCloseable {

    void send(String topic, String key, SpecificRecord value);

    void sendRaw(String topic, String key, byte[] value);

    /** Blocks until everything sent so far is acknowledged; a sink that holds records in memory has nothing to do. */
    default void flush() {}

    /** Releases what the sink holds; nothing for a sink in memory. */
    @Override
    default void close() {}
}
