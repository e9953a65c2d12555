package io.mobility.serve.model;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;

/** Healthy when the model is loaded, its {@code current} loads, and it was trained within the allowed age. */
public final class ModelHealthCheck extends HealthCheck {

    private final ServedModels registry;
    private final String name;
    private final Duration maxAge;
    private final Clock clock;

    public ModelHealthCheck(ServedModels registry, String name, Duration maxAge, Clock clock) {
        this.registry = registry;
        this.name = name;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        var model = registry.current(name);
        if (model.isEmpty()) {
            return Result.unhealthy(
                    "model %s is not loaded: %s", name, registry.problem(name).orElse("not loaded yet"));
        }
        Duration age = Duration.between(model.get().metadata().trainedAt(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Result.unhealthy(
                    "model %s version %s was trained %s ago, more than %s",
                    name, model.get().version(), age, maxAge);
        }
        if (registry.problem(name).isPresent()) {
            return Result.unhealthy(
                    "model %s serves version %s but the promoted one does not load: %s",
                    name, model.get().version(), registry.problem(name).get());
        }
        return Result.healthy(
                "model %s version %s, trained %s ago", name, model.get().version(), age);
    }
}
