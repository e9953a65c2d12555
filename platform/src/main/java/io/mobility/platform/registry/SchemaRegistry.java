package io.mobility.platform.registry;

import io.mobility.platform.registry.RegistryChange.LevelChanged;
import io.mobility.platform.registry.RegistryChange.SchemaRegistered;
import io.mobility.registry.CompatibilityLevel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The registry's rules, as Confluent's Schema Registry applies them to Avro: schemas are compared in Avro's canonical
 * form, a schema gets one global id whatever subjects it is registered under, a new version must pass the subject's
 * compatibility level, and every change is stored before it is visible.
 *
 * <p>One writer per store topic. Changes are serialised by {@link #writes}, held while a change waits on Kafka, so
 * each change is checked against the state every earlier change left. Reads take only the read side of
 * {@link #stateLock}, which a change holds just to apply itself once stored: reads are answered while a write waits
 * (up to the store's timeout) and never see a change Kafka has not taken.
 */
final class SchemaRegistry {

    private final RegistryState state = new RegistryState();
    private final SchemaLog log;
    private final ReentrantLock writes = new ReentrantLock();
    private final ReadWriteLock stateLock = new ReentrantReadWriteLock();

    SchemaRegistry(SchemaLog log) {
        this.log = log;
    }

    /** Rebuilds the state from the store topic. */
    void load() {
        log.ensureTopic();
        List<RegistryChange> changes = log.replay();
        writing(() -> {
            changes.forEach(this::apply);
            return null;
        });
    }

    /** Registers {@code schema} under {@code subject}; returns its global id, existing or new. */
    int register(String subject, String schema) {
        Schema parsed = parse(schema);
        String canonical = parsed.toString();
        return writing(() -> registerParsed(subject, parsed, canonical));
    }

    private int registerParsed(String subject, Schema parsed, String canonical) {
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
    SubjectVersion lookup(String subject, String schema) {
        String canonical = parse(schema).toString();
        return reading(() -> {
            requireSubject(subject);
            return state.find(subject, canonical).orElseThrow(() -> RegistryException.schemaNotRegistered(subject));
        });
    }

    String schemaById(String id) {
        int number;
        try {
            number = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound(id);
        }
        return reading(() -> state.schemaById(number).orElseThrow(() -> RegistryException.schemaNotFound(id)));
    }

    List<String> subjects() {
        return reading(state::subjects);
    }

    List<Integer> versions(String subject) {
        return reading(() -> {
            requireSubject(subject);
            return state.versions(subject).stream().map(SubjectVersion::version).toList();
        });
    }

    /** {@code version} is a number or "latest" (or -1, as Confluent accepts). */
    SubjectVersion version(String subject, String version) {
        return reading(() -> versionOf(subject, version));
    }

    private SubjectVersion versionOf(String subject, String version) {
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
    List<String> incompatibilities(String subject, Optional<String> version, String schema) {
        Schema candidate = parse(schema);
        return reading(() -> incompatibilities(subject, version, candidate));
    }

    private List<String> incompatibilities(String subject, Optional<String> version, Schema candidate) {
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (version.isEmpty()) {
            return level.incompatibilities(candidate, parsedVersions(subject));
        }
        int number = parseVersion(version.get());
        if (number == -1 && state.versions(subject).isEmpty()) {
            return List.of();
        }
        SubjectVersion against = versionOf(subject, version.get());
        return level.incompatibilities(candidate, List.of(parse(against.schema())));
    }

    CompatibilityLevel globalLevel() {
        return reading(state::globalLevel);
    }

    /** The subject's own level; without one, the global level if {@code defaultToGlobal}, else 40408. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = reading(() -> state.subjectLevel(subject));
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return globalLevel();
        }
        throw RegistryException.subjectLevelNotConfigured(subject);
    }

    /** Sets the level of {@code subject}, or the global level when it is empty. */
    CompatibilityLevel setLevel(Optional<String> subject, String level) {
        CompatibilityLevel parsed;
        try {
            parsed = CompatibilityLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel(level);
        }
        return writing(() -> {
            store(new LevelChanged(subject, parsed));
            return parsed;
        });
    }

    /** Under {@link #writes}: stores the change (waiting on Kafka without blocking reads), then shows it. */
    private void store(RegistryChange change) {
        log.append(change);
        apply(change);
    }

    private void apply(RegistryChange change) {
        stateLock.writeLock().lock();
        try {
            state.apply(change);
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    /**
     * Runs a change: one at a time. It reads the state without the read lock, safe because only a holder of
     * {@link #writes} changes it.
     */
    private <T> T writing(Supplier<T> change) {
        writes.lock();
        try {
            return change.get();
        } finally {
            writes.unlock();
        }
    }

    private <T> T reading(Supplier<T> read) {
        stateLock.readLock().lock();
        try {
            return read.get();
        } finally {
            stateLock.readLock().unlock();
        }
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
