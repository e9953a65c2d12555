package io.mobility.bench.serde;

import io.mobility.platform.LocalPlatform;
import io.mobility.registry.RestSchemaRegistryClient;
import io.mobility.registry.SchemaRegistryClient;

/** The registry a benchmark talks to: a given one, or an in-process one on its own broker. */
final class RegistryForBench implements AutoCloseable {

    private final LocalPlatform platform;
    private final SchemaRegistryClient client;
    private final String description;

    private RegistryForBench(LocalPlatform platform, String url, String description) {
        this.platform = platform;
        this.client = new RestSchemaRegistryClient(url);
        this.description = description;
    }

    static RegistryForBench start(String url) {
        if (url != null) {
            return new RegistryForBench(null, url, url);
        }
        LocalPlatform platform = LocalPlatform.start();
        return new RegistryForBench(platform, platform.registryUrl(), "in-process registry over HTTP");
    }

    SchemaRegistryClient client() {
        return client;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (platform != null) {
            platform.close();
        }
    }
}
