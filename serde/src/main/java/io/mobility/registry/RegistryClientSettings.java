package io.mobility.registry;

import java.time.Duration;

/**
 * Network behaviour of {@link RestSchemaRegistryClient}.
 *
 * @param maxAttempts tries per call, first included, before the call fails
 * @param backoff pause after the first failed try; doubled after each further one
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
 */
public record RegistryClientSettings(
        int maxAttempts, Duration backoff, Duration connectTimeout, Duration requestTimeout, String basicAuthUserInfo) {

    public RegistryClientSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    public static RegistryClientSettings defaults() {
        return new RegistryClientSettings(
                3, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10), null);
    }

    public RegistryClientSettings withMaxAttempts(int attempts) {
        return new RegistryClientSettings(attempts, backoff, connectTimeout, requestTimeout, basicAuthUserInfo);
    }

    public RegistryClientSettings withBackoff(Duration pause) {
        return new RegistryClientSettings(maxAttempts, pause, connectTimeout, requestTimeout, basicAuthUserInfo);
    }

    public RegistryClientSettings withBasicAuth(String userInfo) {
        return new RegistryClientSettings(maxAttempts, backoff, connectTimeout, requestTimeout, userInfo);
    }
}
