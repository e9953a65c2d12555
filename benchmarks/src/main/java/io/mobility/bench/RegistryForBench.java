package io.mobility.bench;

import io.mobility.registry.InMemorySchemaRegistry;
import io.mobility.registry.RestSchemaRegistryClient;
import io.mobility.registry.SchemaRegistryClient;

/** The registry a benchmark talks to: a given one, or one of its own. */
final class RegistryForBench implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final String description;

    private RegistryForBench(SchemaRegistryClient client, String description) {
        this.client = client;
        this.description = description;
    }

    static RegistryForBench start(String url) {
        if (url != null) {
            return new RegistryForBench(new RestSchemaRegistryClient(url), url);
        }
        return new RegistryForBench(new InMemorySchemaRegistry(), "in-memory");
    }

    SchemaRegistryClient client() {
        return client;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
    }
}
