package io.mobility.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.mobility.events.Topics;
import io.mobility.lake.FeatureSnapshot;
import io.mobility.lake.MonitoringSnapshot;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;

/** {@code config.yml}; every value can come from the environment ({@code ${MOBILITY_LAKE:-lake}}). */
public class InferenceConfiguration extends Configuration {

    /** Where the batch layer exports: {@code <lake>/models}, {@code <lake>/features/snapshot}, {@code <lake>/monitoring}. */
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

    /** When set, prediction endpoints require {@code Authorization: Bearer <token>}. */
    private String authToken = "";

    @Valid
    @NotNull
    private ZoneStateSettings zoneState = new ZoneStateSettings();

    public InferenceConfiguration() {
        // The admin port exposes metrics and health: loopback only unless the configuration says otherwise.
        DefaultServerFactory server = new DefaultServerFactory();
        ConnectorFactory admin = HttpConnectorFactory.admin();
        ((HttpConnectorFactory) admin).setBindHost("127.0.0.1");
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
    public ZoneStateSettings getZoneState() {
        return zoneState;
    }

    @JsonProperty
    public void setZoneState(ZoneStateSettings zoneState) {
        this.zoneState = zoneState;
    }
}
