package io.mobility.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the serde needs from a Confluent-compatible schema registry. Implementations cache: the same schema or id is
 * looked up over the network once.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; throws {@link UnknownSchemaIdException} if the registry has none. */
    Schema schemaById(int id);

    /** The newest version under the subject; throws {@link SubjectNotFoundException} if there is none. */
    RegisteredSchema latest(String subject);

    /** The id and version of {@code schema} under {@code subject}, if registered there. */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /** Whether the subject's compatibility level allows {@code schema} as its next version. */
    boolean isCompatible(String subject, Schema schema);

    List<String> subjects();
}
