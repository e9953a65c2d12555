package io.mobility.serve.error;

/** A request the service refuses, with the field at fault; mapped to an {@link ApiError} response. */
public class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(int status, String code, String field, String message) {
        super(message);
        this.error = new ApiError(status, code, field, message);
    }

    public ApiError error() {
        return error;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_field", field, field + ": " + message);
    }

    public static ApiException missing(String field) {
        return new ApiException(400, "missing_field", field, field + " is required");
    }

    public static ApiException unknownZone(String field, String zoneId) {
        return new ApiException(400, "unknown_zone", field, field + ": zone '" + zoneId + "' is not a known zone");
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(503, code, null, message);
    }
}
