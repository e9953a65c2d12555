package io.mobility.platform.registry;

import io.mobility.registry.CompatibilityLevel;
import java.util.Optional;

/** A change to the registry, as kept in its store topic and replayed on start. */
sealed interface RegistryChange {

    /** A new version of a subject. */
    record SchemaRegistered(SubjectVersion schema) implements RegistryChange {}

    /** The compatibility level of one subject, or the global one when {@code subject} is empty. */
    record LevelChanged(Optional<String> subject, CompatibilityLevel level) implements RegistryChange {}
}
