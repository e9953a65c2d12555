package io.mobility.simulator.sink;

import org.apache.avro.specific.SpecificRecord;

/** A record due to be sent: its topic, string key, Avro value and event time (epoch millis) for ordering. */
public record Emission(String topic, String key, SpecificRecord value, long eventTimeMillis) {}
