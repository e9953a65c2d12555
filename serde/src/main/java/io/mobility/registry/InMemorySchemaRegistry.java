package io.mobility.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry held in memory, with the same id, version and compatibility rules as the real one, for tests that run
 * without a network (TopologyTestDriver, converter unit tests). Serdes reach it with
 * {@code schema.registry.url=mem://<scope>}; every serde configured with the same scope shares one instance.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    public static final String URL_SCHEME = "mem://";
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new TreeMap<>();
    private final CompatibilityLevel compatibility;
    private int nextId = 1;

    public InMemorySchemaRegistry() {
        this(CompatibilityLevel.BACKWARD);
    }

    public InMemorySchemaRegistry(CompatibilityLevel compatibility) {
        this.compatibility = compatibility;
    }

    /** The shared registry for {@code mem://scope}. */
    public static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope so the next test starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Optional<RegisteredSchema> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<String> problems = compatibility.incompatibilities(schema, history(subject));
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(subject, String.join("; ", problems));
        }
        int id = schemasById.entrySet().stream()
                .filter(e -> e.getValue().equals(schema))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseGet(() -> {
                    schemasById.put(nextId, schema);
                    return nextId++;
                });
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaIdException(id, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SubjectNotFoundException(subject, "Subject '" + subject + "' not found.");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
    }

    @Override
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        for (int i = 0; i < versions.size(); i++) {
            if (schemasById.get(versions.get(i)).equals(schema)) {
                return Optional.of(new RegisteredSchema(subject, versions.get(i), i + 1, schema));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return compatibility.incompatibilities(schema, history(subject)).isEmpty();
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    private List<Schema> history(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .map(schemasById::get)
                .toList();
    }
}
