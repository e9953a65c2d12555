package io.mobility.platform.registry;

import io.mobility.platform.registry.RegistryChange.LevelChanged;
import io.mobility.platform.registry.RegistryChange.SchemaRegistered;
import io.mobility.registry.CompatibilityLevel;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's rules, as Confluent's Schema Registry applies them to Avro: schemas are compared in Avro's canonical
 * form, a schema gets one global id whatever subjects it is registered under, a new version must pass the subject's
 * compatibility level, and every change is stored before it is visible.
 *
 * <p>One writer per store topic; calls are serialised, which is plenty for a registry whose clients cache.
 */
final class SchemaRegistry {

    private final RegistryState state = new RegistryState();
    private final SchemaLog log;

    SchemaRegistry(SchemaLog log) {
        this.log = log;
    }

    /** Rebuilds the state from the store topic. */
    synchronized void load() {
        log.ensureTopic();
        log.replay().forEach(state::apply);
    }

    /** Registers {@code schema} under {@code subject}; returns its global id, existing or new. */
    synchronized int register(String subject, String schema) {
        Schema parsed = parse(schema);
        String canonical = parsed.toString();
        Optional<SubjectVersion> existing = state.find(subject, canonical);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<String> problems = state.effectiveLevel(subject).incompatibilities(parsed, parsedVersions(subject));
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible(subject, problems);
        }
        int id = state.idOf(canonical).orElseGet(state::nextId);
        int version = state.latest(subject).map(v -> v.version() + 1).orElse(1);
        store(new SchemaRegistered(new SubjectVersion(subject, version, id, canonical)));
        return id;
    }

    /** The version of {@code subject} that holds {@code schema}. */
    synchronized SubjectVersion lookup(String subject, String schema) {
        String canonical = parse(schema).toString();
        requireSubject(subject);
        return state.find(subject, canonical).orElseThrow(() -> RegistryException.schemaNotRegistered(subject));
    }

    synchronized String schemaById(String id) {
        try {
            return state.schemaById(Integer.parseInt(id)).orElseThrow(() -> RegistryException.schemaNotFound(id));
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound(id);
        }
    }

    synchronized List<String> subjects() {
        return state.subjects();
    }

    synchronized List<Integer> versions(String subject) {
        requireSubject(subject);
        return state.versions(subject).stream().map(SubjectVersion::version).toList();
    }

    /** {@code version} is a number or "latest" (or -1, as Confluent accepts). */
    synchronized SubjectVersion version(String subject, String version) {
        requireSubject(subject);
        int number = parseVersion(version);
        Optional<SubjectVersion> found = number == -1 ? state.latest(subject) : state.version(subject, number);
        return found.orElseThrow(() -> RegistryException.versionNotFound(subject, number));
    }

    /**
     * Why {@code schema} could not become the next version of {@code subject}, checked against one version
     * ({@code version} given, "latest" included) or against all of them as the level says ({@code version} empty).
     * Empty when it could; a subject without versions accepts anything.
     */
    synchronized List<String> incompatibilities(String subject, Optional<String> version, String schema) {
        Schema candidate = parse(schema);
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (version.isEmpty()) {
            return level.incompatibilities(candidate, parsedVersions(subject));
        }
        int number = parseVersion(version.get());
        if (number == -1 && state.versions(subject).isEmpty()) {
            return List.of();
        }
        SubjectVersion against = version(subject, version.get());
        return level.incompatibilities(candidate, List.of(parse(against.schema())));
    }

    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /** The subject's own level; without one, the global level if {@code defaultToGlobal}, else 40408. */
    synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return state.globalLevel();
        }
        throw RegistryException.subjectLevelNotConfigured(subject);
    }

    /** Sets the level of {@code subject}, or the global level when it is empty. */
    synchronized CompatibilityLevel setLevel(Optional<String> subject, String level) {
        CompatibilityLevel parsed;
        try {
            parsed = CompatibilityLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel(level);
        }
        store(new LevelChanged(subject, parsed));
        return parsed;
    }

    private void store(RegistryChange change) {
        log.append(change);
        state.apply(change);
    }

    private void requireSubject(String subject) {
        if (state.versions(subject).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
    }

    private List<Schema> parsedVersions(String subject) {
        return state.versions(subject).stream().map(v -> parse(v.schema())).toList();
    }

    private static int parseVersion(String version) {
        if ("latest".equalsIgnoreCase(version)) {
            return -1;
        }
        try {
            int number = Integer.parseInt(version);
            if (number == -1 || number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw RegistryException.invalidVersion(version);
    }

    private static Schema parse(String schema) {
        if (schema == null || schema.isBlank()) {
            throw RegistryException.invalidSchema("the schema is empty");
        }
        try {
            return new Schema.Parser().parse(schema);
        } catch (RuntimeException e) {
            // SchemaParseException, and for malformed JSON also Avro's unchecked wrappers of Jackson's errors.
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }
}
