package io.mobility.serve.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not JSON: 400 naming where the parser stopped, instead of Jackson's internals. */
public final class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        String field = "body";
        if (exception instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            field = "body" + mapping.getPathReference().replaceFirst("^[^\\[\"]*", "");
        }
        JsonLocation location = exception.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String message = "body is not valid JSON" + where + ": " + exception.getOriginalMessage();
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(400, "malformed_json", field, message))
                .build();
    }
}
