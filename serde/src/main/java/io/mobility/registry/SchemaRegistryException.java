package io.mobility.registry;

/**
 * A registry call failed. Carries Confluent's {@code error_code} when the registry answered with one, so callers can
 * tell a missing schema from a refused one without parsing messages.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** HTTP status of the registry's answer, -1 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code (e.g. 40403, 409), -1 when there was none. */
    public int errorCode() {
        return errorCode;
    }
}
