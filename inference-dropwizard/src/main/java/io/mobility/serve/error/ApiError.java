package io.mobility.serve.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error: HTTP status, a stable code, the request field at fault (if any) and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String field, String message) {}
