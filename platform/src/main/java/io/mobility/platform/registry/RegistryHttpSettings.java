package io.mobility.platform.registry;

import java.util.Map;
import java.util.Optional;

/**
 * How the registry's HTTP side protects itself: the largest request body it reads, and optional HTTP basic auth.
 * Credentials come from code or the environment ({@value #USER_INFO_VARIABLE}), never from a file in the
 * repository; {@link #toString()} never shows the password.
 */
public final class RegistryHttpSettings {

    /** 1 MiB: the largest Avro schema this project registers is a few KiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;
    /** {@code user:password}, as a client's {@code basic.auth.user.info}; unset or empty: no authentication. */
    public static final String USER_INFO_VARIABLE = "MOBILITY_REGISTRY_BASIC_AUTH_USER_INFO";

    private final int maxRequestBytes;
    private final String user;
    private final String password;

    private RegistryHttpSettings(int maxRequestBytes, String user, String password) {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException(
                    "The registry's request body limit must be at least 1 byte, got " + maxRequestBytes);
        }
        this.maxRequestBytes = maxRequestBytes;
        this.user = user;
        this.password = password;
    }

    /** Bodies up to {@value #DEFAULT_MAX_REQUEST_BYTES} bytes, no authentication. */
    public static RegistryHttpSettings defaults() {
        return new RegistryHttpSettings(DEFAULT_MAX_REQUEST_BYTES, null, null);
    }

    /** The defaults, with basic auth when {@code environment} sets {@value #USER_INFO_VARIABLE}. */
    public static RegistryHttpSettings fromEnvironment(Map<String, String> environment) {
        String userInfo = environment.get(USER_INFO_VARIABLE);
        if (userInfo == null || userInfo.isEmpty()) {
            return defaults();
        }
        int colon = userInfo.indexOf(':');
        if (colon < 1 || colon == userInfo.length() - 1) {
            // The value is a secret: name the variable and the expected shape, never echo it.
            throw new IllegalArgumentException(
                    USER_INFO_VARIABLE + " must be user:password, with both parts" + " non-empty");
        }
        return defaults().withBasicAuth(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    /** Requests with a longer body are answered 413 without reading the rest. */
    public RegistryHttpSettings withMaxRequestBytes(int bytes) {
        return new RegistryHttpSettings(bytes, user, password);
    }

    /** Every request must carry these credentials ({@code Authorization: Basic ...}), or is answered 401. */
    public RegistryHttpSettings withBasicAuth(String user, String password) {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("The registry's basic auth user must be non-empty and without ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("The registry's basic auth password must be non-empty");
        }
        return new RegistryHttpSettings(maxRequestBytes, user, password);
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** The user basic auth requires; empty when the registry is open. */
    public Optional<String> basicAuthUser() {
        return Optional.ofNullable(user);
    }

    /** {@code user:password}, what a client sends; empty when the registry is open. */
    Optional<String> basicAuthUserInfo() {
        return user == null ? Optional.empty() : Optional.of(user + ":" + password);
    }

    @Override
    public String toString() {
        return "max request body " + maxRequestBytes + " bytes, "
                + (user == null ? "no authentication" : "basic auth as '" + user + "'");
    }
}
