package io.mobility.demo.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code connect-distributed.properties} of the demo's worker: one broker (replication 1 for the internal
 * topics), the sink plugin on {@code plugin.path}, offsets flushed every 5 s so that consumer lag shows the lake.
 */
public final class WorkerProperties {

    public static final String GROUP = "mobility-connect";

    private WorkerProperties() {}

    public static Map<String, String> of(String bootstrapServers, int restPort, Path pluginPath) {
        Map<String, String> p = new TreeMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", GROUP);
        p.put("config.storage.topic", GROUP + "-configs");
        p.put("offset.storage.topic", GROUP + "-offsets");
        p.put("status.storage.topic", GROUP + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("plugin.path", pluginPath.toAbsolutePath().toString());
        // The sink plugin and Connect's own plugins all carry ServiceLoader manifests: no class scanning at start.
        p.put("plugin.discovery", "service_load");
        // A lone worker: no one to wait for when it rejoins after a restart.
        p.put("scheduled.rebalance.max.delay.ms", "0");
        p.put("offset.flush.interval.ms", "5000");
        return p;
    }

    /** Writes them where a user would keep them, {@code <data>/connect/worker.properties}. */
    public static Path write(Map<String, String> properties, Path file) {
        Properties props = new Properties();
        props.putAll(properties);
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "Kafka Connect worker of ./mobility demo (connect-distributed.sh reads the same)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
