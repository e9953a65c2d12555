package io.mobility.serve.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        return Response.status(exception.error().status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(exception.error()).build();
    }
}
