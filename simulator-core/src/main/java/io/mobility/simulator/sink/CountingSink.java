package io.mobility.simulator.sink;

import io.mobility.simulator.manifest.Manifest;
import org.apache.avro.specific.SpecificRecord;

/** Counts every record into the manifest as it passes to the real sink, so the manifest is what was sent. */
public final class CountingSink implements EventSink {

    private final EventSink target;
    private final Manifest manifest;

    public CountingSink(EventSink target, Manifest manifest) {
        this.target = target;
        this.manifest = manifest;
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        target.send(topic, key, value);
        manifest.sent(topic, value);
    }

    @Override
    public void sendRaw(String topic, String key, byte[] value) {
        target.sendRaw(topic, key, value);
        manifest.sentRaw(topic);
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        target.close();
    }
}
