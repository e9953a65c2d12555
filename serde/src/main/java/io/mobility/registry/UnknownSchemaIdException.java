package io.mobility.registry;

/** The registry has no schema with this id (Confluent error 40403). */
public class UnknownSchemaIdException extends SchemaRegistryException {

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String registryMessage) {
        super(
                "Schema id " + schemaId + " is unknown to the registry: " + registryMessage,
                404,
                ErrorCodes.SCHEMA_NOT_FOUND);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
