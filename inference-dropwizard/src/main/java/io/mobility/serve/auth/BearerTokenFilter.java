package io.mobility.serve.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.serve.error.ApiError;
import io.mobility.serve.error.BodyLimitFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} on every request of a port (a servlet filter, so paths no resource serves,
 * other servlets and the admin port are covered too), but the allowed ones: "METHOD /path", matched exactly against
 * the request's method and undecoded path. The token is compared in constant time.
 */
public final class BearerTokenFilter implements Filter {

    private static final String PREFIX = "Bearer ";

    private final byte[] tokenDigest;
    private final Set<String> allowed;
    private final ObjectMapper mapper;

    public BearerTokenFilter(String token, Collection<String> allowed, ObjectMapper mapper) {
        this.tokenDigest = sha256(token);
        this.allowed = Set.copyOf(allowed);
        this.mapper = mapper;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (allowed.contains(request.getMethod() + " " + request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            refuse(request, response, "missing_token", "Authorization: Bearer <token> is required");
        } else if (!MessageDigest.isEqual(
                tokenDigest, sha256(header.substring(PREFIX.length()).trim()))) {
            refuse(request, response, "invalid_token", "the bearer token is not valid");
        } else {
            chain.doFilter(req, res);
        }
    }

    /** Digests of equal length, so the comparison takes as long whatever the presented token's length. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, String message)
            throws IOException {
        // An unread body would make Jetty close the connection under a client that already reuses it.
        if (!BodyLimitFilter.drained(request.getInputStream(), BodyLimitFilter.DRAIN_LIMIT)) {
            response.setHeader("Connection", "close");
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"mobility\"");
        response.setContentType("application/json");
        response.getOutputStream().write(mapper.writeValueAsBytes(new ApiError(401, code, "Authorization", message)));
    }
}
