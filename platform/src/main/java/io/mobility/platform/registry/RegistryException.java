package io.mobility.platform.registry;

import io.mobility.registry.ErrorCodes;
import java.util.List;

/**
 * A request the registry refuses, with Confluent's HTTP status and error code so that Confluent clients react to it
 * as they would to Confluent's Schema Registry.
 */
final class RegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(
                404, ErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String id) {
        return new RegistryException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    static RegistryException schemaNotRegistered(String subject) {
        return new RegistryException(
                404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'");
    }

    static RegistryException subjectLevelNotConfigured(String subject) {
        return new RegistryException(
                404,
                ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(String subject, List<String> problems) {
        return new RegistryException(
                409,
                ErrorCodes.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible" + " with an earlier schema for subject \"" + subject
                        + "\", details: " + problems);
    }

    static RegistryException invalidSchema(String why) {
        return new RegistryException(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: " + why);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(
                422,
                ErrorCodes.INVALID_VERSION,
                "The specified version '" + version
                        + "' is not a valid version id."
                        + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel(String level) {
        return new RegistryException(
                422,
                ErrorCodes.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '"
                        + level + "'. Valid values are none, backward, forward, full, backward_transitive,"
                        + " forward_transitive, and full_transitive");
    }

    static RegistryException storeError(String what, Throwable cause) {
        return new RegistryException(
                500,
                ErrorCodes.STORE_ERROR,
                "Error in the schema store while " + what + ": " + cause.getMessage(),
                cause);
    }
}
