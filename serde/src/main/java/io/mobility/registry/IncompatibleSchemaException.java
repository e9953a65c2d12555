package io.mobility.registry;

/** The registry refused a schema because it breaks the subject's compatibility level (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String subject, String registryMessage) {
        super(
                "Schema refused for subject '" + subject + "' as incompatible: " + registryMessage,
                409,
                ErrorCodes.INCOMPATIBLE_SCHEMA);
    }
}
