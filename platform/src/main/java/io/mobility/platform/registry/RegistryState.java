package io.mobility.platform.registry;

import io.mobility.platform.registry.RegistryChange.LevelChanged;
import io.mobility.platform.registry.RegistryChange.SchemaRegistered;
import io.mobility.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the registry knows, rebuilt by applying its changes in order: the versions of each subject, the global ids of
 * the distinct schemas and the compatibility levels. Reads do not modify it, so many may run at once; a change must
 * run alone: {@link SchemaRegistry} guards it with a read-write lock.
 */
final class RegistryState {

    private final Map<String, List<SubjectVersion>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int highestId;

    void apply(RegistryChange change) {
        if (change instanceof SchemaRegistered registered) {
            add(registered.schema());
        } else if (change instanceof LevelChanged changed) {
            changed.subject()
                    .ifPresentOrElse(
                            subject -> subjectLevels.put(subject, changed.level()),
                            () -> globalLevel = changed.level());
        }
    }

    private void add(SubjectVersion schema) {
        List<SubjectVersion> versions = versionsBySubject.computeIfAbsent(schema.subject(), s -> new ArrayList<>());
        versions.removeIf(v -> v.version() == schema.version());
        versions.add(schema);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        schemaById.put(schema.id(), schema.schema());
        idBySchema.putIfAbsent(schema.schema(), schema.id());
        highestId = Math.max(highestId, schema.id());
    }

    List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** Oldest first; empty for an unknown subject. */
    List<SubjectVersion> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    Optional<SubjectVersion> version(String subject, int version) {
        return versions(subject).stream().filter(v -> v.version() == version).findFirst();
    }

    Optional<SubjectVersion> latest(String subject) {
        List<SubjectVersion> versions = versions(subject);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    Optional<SubjectVersion> find(String subject, String canonicalSchema) {
        return versions(subject).stream()
                .filter(v -> v.schema().equals(canonicalSchema))
                .findFirst();
    }

    Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idBySchema.get(canonicalSchema));
    }

    int nextId() {
        return highestId + 1;
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel);
    }
}
