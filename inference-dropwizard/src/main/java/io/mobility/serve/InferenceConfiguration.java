package io.mobility.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.mobility.events.Topics;
import io.mobility.lake.FeatureSnapshot;
import io.mobility.lake.MonitoringSnapshot;
import io.mobility.serve.auth.LoopbackOrToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code config.yml}; every value can come from the environment ({@code ${MOBILITY_LAKE:-lake}}). A connector bound
 * beyond loopback without {@link #getAuthToken() authToken} is refused ({@link LoopbackOrToken}).
 */
@LoopbackOrToken
public class InferenceConfiguration extends Configuration {

    /** "METHOD /path", the request line's method and path exactly (no query, no pattern). */
    private static final String REQUEST = "[A-Z]+ /\\S*";

    /**
     * Where the batch layer exports: {@code <lake>/models}, {@code <lake>/features/snapshot},
     * {@code <lake>/monitoring}.
     */
    @NotBlank
    private String lake = "lake";

    @NotNull
    private Duration refreshInterval = Duration.seconds(5);

    @NotNull
    private Duration modelMaxAge = Duration.days(30);

    @NotNull
    private Duration featureSnapshotMaxAge = Duration.hours(3);

    @Min(1)
    @Max(10_000)
    private int batchMaxItems = 100;

    @NotNull
    private DataSize maxBodySize = DataSize.kibibytes(64);

    /** When set, every request on both ports requires {@code Authorization: Bearer <token>}, but the allowed ones. */
    private String authToken = "";

    /** Requests on the application port answered without the token. */
    @NotNull
    private List<@NotNull @Pattern(regexp = REQUEST, message = "must be \"METHOD /path\"") String> authAllowList =
            List.of("GET /health", "GET /openapi.json");

    /** Requests on the admin port answered without the token: liveness and health, as probes call them. */
    @NotNull
    private List<@NotNull @Pattern(regexp = REQUEST, message = "must be \"METHOD /path\"") String> adminAuthAllowList =
            List.of("GET /ping", "GET /healthcheck");

    /** Origins (scheme://host[:port]) whose browser pages may call the API; empty: no CORS header at all. */
    @NotNull
    private List<@NotBlank String> corsAllowedOrigins = List.of();

    @Valid
    @NotNull
    private ZoneStateSettings zoneState = new ZoneStateSettings();

    public InferenceConfiguration() {
        // Both ports on loopback unless the configuration says otherwise (and then a token is required).
        DefaultServerFactory server = new DefaultServerFactory();
        HttpConnectorFactory application = (HttpConnectorFactory) HttpConnectorFactory.application();
        application.setBindHost("127.0.0.1");
        server.setApplicationConnectors(List.of(application));
        HttpConnectorFactory admin = (HttpConnectorFactory) HttpConnectorFactory.admin();
        admin.setBindHost("127.0.0.1");
        server.setAdminConnectors(List.of(admin));
        setServerFactory(server);
    }

    public static class ZoneStateSettings {
        /** Empty: no reader, and the surge endpoint answers 503. */
        @JsonProperty
        public String bootstrapServers = "";

        @JsonProperty
        public String schemaRegistryUrl = "";

        @NotBlank
        @JsonProperty
        public String topic = Topics.ZONE_STATE.name();

        @Min(1)
        @JsonProperty
        public int windowMinutes = 5;

        @Min(0)
        @JsonProperty
        public long maxLag = 10_000;

        @NotNull
        @JsonProperty
        public Duration maxAge = Duration.minutes(5);

        public boolean enabled() {
            return bootstrapServers != null && !bootstrapServers.isBlank();
        }
    }

    public Path modelsDir() {
        return Path.of(lake, "models");
    }

    public Path featureSnapshotFile() {
        return Path.of(lake).resolve(FeatureSnapshot.PATH);
    }

    public Path monitoringSnapshotFile() {
        return Path.of(lake).resolve(MonitoringSnapshot.PATH);
    }

    @JsonProperty
    public String getLake() {
        return lake;
    }

    @JsonProperty
    public void setLake(String lake) {
        this.lake = lake;
    }

    @JsonProperty
    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    @JsonProperty
    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    @JsonProperty
    public Duration getModelMaxAge() {
        return modelMaxAge;
    }

    @JsonProperty
    public void setModelMaxAge(Duration modelMaxAge) {
        this.modelMaxAge = modelMaxAge;
    }

    @JsonProperty
    public Duration getFeatureSnapshotMaxAge() {
        return featureSnapshotMaxAge;
    }

    @JsonProperty
    public void setFeatureSnapshotMaxAge(Duration featureSnapshotMaxAge) {
        this.featureSnapshotMaxAge = featureSnapshotMaxAge;
    }

    @JsonProperty
    public int getBatchMaxItems() {
        return batchMaxItems;
    }

    @JsonProperty
    public void setBatchMaxItems(int batchMaxItems) {
        this.batchMaxItems = batchMaxItems;
    }

    @JsonProperty
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @JsonProperty
    public String getAuthToken() {
        return authToken;
    }

    @JsonProperty
    public void setAuthToken(String authToken) {
        // An empty ${MOBILITY_API_TOKEN:-} reads as YAML null: both mean "no token".
        this.authToken = authToken == null ? "" : authToken;
    }

    @JsonProperty
    public List<String> getAuthAllowList() {
        return authAllowList;
    }

    @JsonProperty
    public void setAuthAllowList(List<String> authAllowList) {
        this.authAllowList = authAllowList;
    }

    @JsonProperty
    public List<String> getAdminAuthAllowList() {
        return adminAuthAllowList;
    }

    @JsonProperty
    public void setAdminAuthAllowList(List<String> adminAuthAllowList) {
        this.adminAuthAllowList = adminAuthAllowList;
    }

    @JsonProperty
    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    @JsonProperty
    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins;
    }

    @JsonProperty
    public ZoneStateSettings getZoneState() {
        return zoneState;
    }

    @JsonProperty
    public void setZoneState(ZoneStateSettings zoneState) {
        this.zoneState = zoneState;
    }
}
