package io.mobility.serve.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder response = Response.status(exception.error().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(exception.error());
        if (exception instanceof BodyTooLargeException tooLarge && tooLarge.closeConnection()) {
            response.header("Connection", "close");
        }
        return response.build();
    }
}
