package io.mobility.streams;

import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps a global store equal to a compacted reference topic: latest value per (canonical) key, tombstones delete. */
final class ReferenceTableLoader<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final UnaryOperator<String> canonicalKey;
    private KeyValueStore<String, V> store;

    ReferenceTableLoader(String storeName, UnaryOperator<String> canonicalKey) {
        this.storeName = storeName;
        this.canonicalKey = canonicalKey;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        String key = canonicalKey.apply(record.key());
        if (key == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(key);
        } else {
            store.put(key, record.value());
        }
        ReferenceTableChanges.changed(storeName);
    }
}
