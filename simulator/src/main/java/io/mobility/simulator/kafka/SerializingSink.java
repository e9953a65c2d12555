package io.mobility.simulator.kafka;

import io.mobility.simulator.sink.EventSink;
import org.apache.avro.specific.SpecificRecord;

/** A sink that can turn a record into the exact bytes it would send, on any thread, for {@link #sendRaw}. */
public interface SerializingSink extends EventSink {

    byte[] serialize(String topic, SpecificRecord value);
}
