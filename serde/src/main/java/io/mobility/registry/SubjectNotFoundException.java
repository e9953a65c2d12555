package io.mobility.registry;

/** No schema is registered under the subject (Confluent error 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

    public SubjectNotFoundException(String subject, String registryMessage) {
        super(
                "Subject '" + subject + "' not found in the registry: " + registryMessage,
                404,
                ErrorCodes.SUBJECT_NOT_FOUND);
    }
}
