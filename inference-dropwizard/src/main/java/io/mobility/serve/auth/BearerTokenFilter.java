package io.mobility.serve.auth;

import io.mobility.serve.error.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} on {@link PredictionAuth} endpoints; compared in constant time. */
@PredictionAuth
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    public BearerTokenFilter(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            request.abortWith(refuse("missing_token", "Authorization: Bearer <token> is required"));
        } else if (!MessageDigest.isEqual(token, header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(refuse("invalid_token", "the bearer token is not valid"));
        }
    }

    private static Response refuse(String code, String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mobility\"")
                .entity(new ApiError(401, code, "Authorization", message)).build();
    }
}
