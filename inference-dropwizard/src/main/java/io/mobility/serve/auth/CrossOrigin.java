package io.mobility.serve.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * CORS for the configured origins only (Jetty's handler, which answers preflight requests itself, before the token
 * filter: browsers send them without credentials). Without configured origins no handler is installed and no answer
 * carries a CORS header.
 */
public final class CrossOrigin {

    private CrossOrigin() {}

    /** @param origins exact origins ({@code https://dash.example.com}), or {@code *} for any */
    public static CrossOriginHandler handler(List<String> origins) {
        CrossOriginHandler handler = new CrossOriginHandler();
        // Jetty reads regular expressions; the configuration lists origins as browsers send them.
        handler.setAllowedOriginPatterns(origins.stream()
                .map(String::trim)
                .map(origin -> origin.equals("*") ? ".*" : Pattern.quote(origin))
                .collect(Collectors.toSet()));
        handler.setAllowedMethods(Set.of("GET", "POST", "HEAD"));
        handler.setAllowedHeaders(Set.of("Authorization", "Content-Type"));
        // The token travels in a header the page sets, not in cookies: no credentialed requests.
        handler.setAllowCredentials(false);
        handler.setPreflightMaxAge(Duration.ofMinutes(10));
        return handler;
    }
}
