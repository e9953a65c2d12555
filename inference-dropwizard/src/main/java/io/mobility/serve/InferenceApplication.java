package io.mobility.serve;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.mobility.lake.FeatureSnapshot;
import io.mobility.lake.MonitoringSnapshot;
import io.mobility.serve.auth.BearerTokenFilter;
import io.mobility.serve.auth.CrossOrigin;
import io.mobility.serve.batch.BatchResource;
import io.mobility.serve.demand.DemandPredictor;
import io.mobility.serve.demand.DemandResource;
import io.mobility.serve.error.ApiExceptionMapper;
import io.mobility.serve.error.BodyLimitFilter;
import io.mobility.serve.error.MalformedJsonMapper;
import io.mobility.serve.error.UnexpectedErrorMapper;
import io.mobility.serve.error.WebErrorMapper;
import io.mobility.serve.export.ExportedFile;
import io.mobility.serve.feature.FeatureSnapshotHealthCheck;
import io.mobility.serve.model.ModelHealthCheck;
import io.mobility.serve.model.ModelLoader;
import io.mobility.serve.model.ModelsResource;
import io.mobility.serve.model.ServedModels;
import io.mobility.serve.monitoring.MonitoringPageResource;
import io.mobility.serve.monitoring.MonitoringResource;
import io.mobility.serve.openapi.OpenApiResource;
import io.mobility.serve.surge.LiveZoneStates;
import io.mobility.serve.surge.SurgePredictor;
import io.mobility.serve.surge.SurgeResource;
import io.mobility.serve.surge.ZoneStateHealthCheck;
import io.mobility.serve.surge.ZoneStateReader;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code ./mobility serve}: demand and surge predictions, model metadata and monitoring over HTTP; health checks,
 * metrics and Prometheus exposition on the admin port.
 */
public class InferenceApplication extends Application<InferenceConfiguration> {

    /** The configuration {@code ./mobility serve} passes when given none. */
    public static final String DEFAULT_CONFIG = "inference-dropwizard/config.yml";

    private final Clock clock = Clock.systemUTC();
    private final LiveZoneStates liveZoneStates = new LiveZoneStates();
    private ServedModels models;

    public static void main(String[] args) throws Exception {
        new InferenceApplication().run(args);
    }

    @Override
    public String getName() {
        return "mobility-inference";
    }

    @Override
    public void initialize(Bootstrap<InferenceConfiguration> bootstrap) {
        // ${VAR} and ${VAR:-default} in config.yml; an undefined variable without a default is an error.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        // Times in answers are ISO-8601 instants, as in the exported files.
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public void run(InferenceConfiguration config, Environment environment) {
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            // Our mappers answer every error in the same JSON shape, naming the field.
            server.setRegisterDefaultExceptionMappers(false);
        }
        var mapper = environment.getObjectMapper();
        models = new ServedModels(
                config.modelsDir(),
                List.of(DemandPredictor.MODEL, SurgePredictor.MODEL),
                new ModelLoader(mapper, clock));
        var features =
                new ExportedFile<>(config.featureSnapshotFile(), "feature snapshot", mapper, FeatureSnapshot::parse);
        var monitoring = new ExportedFile<>(
                config.monitoringSnapshotFile(), "monitoring snapshot", mapper, MonitoringSnapshot::parse);
        environment
                .lifecycle()
                .manage(new Refresher(List.of(models::refresh, features, monitoring), config.getRefreshInterval()));

        var zoneState = config.getZoneState();
        if (zoneState.enabled()) {
            var reader = new ZoneStateReader(
                    zoneState.bootstrapServers, zoneState.schemaRegistryUrl, zoneState.topic, liveZoneStates, clock);
            environment.lifecycle().manage(reader);
            environment
                    .healthChecks()
                    .register("zone-state", new ZoneStateHealthCheck(reader, liveZoneStates, zoneState.maxLag, clock));
        }
        var demand = new DemandPredictor(models, features);
        var surge = new SurgePredictor(
                models,
                liveZoneStates,
                zoneState.enabled(),
                features,
                zoneState.windowMinutes,
                zoneState.maxAge.toJavaDuration(),
                clock);

        var jersey = environment.jersey();
        jersey.register(new ApiExceptionMapper());
        jersey.register(new MalformedJsonMapper());
        jersey.register(new WebErrorMapper());
        jersey.register(new UnexpectedErrorMapper());
        jersey.register(new BodyLimitFilter(config.getMaxBodySize().toBytes()));
        String token = config.getAuthToken();
        if (!token.isBlank()) {
            // Before every other filter, on both ports; the admin port has its own allow-list (probes).
            environment
                    .servlets()
                    .addFilter("bearer-token", new BearerTokenFilter(token, config.getAuthAllowList(), mapper))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            environment
                    .admin()
                    .addFilter("bearer-token", new BearerTokenFilter(token, config.getAdminAuthAllowList(), mapper))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        if (!config.getCorsAllowedOrigins().isEmpty()) {
            environment.getApplicationContext().insertHandler(CrossOrigin.handler(config.getCorsAllowedOrigins()));
        }
        jersey.register(new DemandResource(demand));
        jersey.register(new SurgeResource(surge));
        jersey.register(new BatchResource(demand, surge, config.getBatchMaxItems()));
        jersey.register(new ModelsResource(models));
        jersey.register(new MonitoringResource(monitoring, environment.metrics(), clock));
        jersey.register(new MonitoringPageResource());
        jersey.register(new OpenApiResource());

        for (String name : models.names()) {
            environment
                    .healthChecks()
                    .register(
                            "model-" + name,
                            new ModelHealthCheck(
                                    models, name, config.getModelMaxAge().toJavaDuration(), clock));
        }
        environment
                .healthChecks()
                .register(
                        "feature-snapshot",
                        new FeatureSnapshotHealthCheck(
                                features, config.getFeatureSnapshotMaxAge().toJavaDuration(), clock));

        PrometheusRegistry prometheus = new PrometheusRegistry();
        // Dropwizard's *.total timers collide with the counters Prometheus derives from the other timers.
        DropwizardExports.builder()
                .dropwizardRegistry(environment.metrics())
                .metricFilter((name, metric) -> !name.endsWith(".total"))
                .register(prometheus);
        environment
                .admin()
                .addServlet("prometheus", new PrometheusMetricsServlet(prometheus))
                .addMapping("/prometheus");
    }

    /** The in-memory zone states the surge endpoint reads (fed by the zone-state reader when configured). */
    public LiveZoneStates liveZoneStates() {
        return liveZoneStates;
    }

    public ServedModels models() {
        return models;
    }
}
