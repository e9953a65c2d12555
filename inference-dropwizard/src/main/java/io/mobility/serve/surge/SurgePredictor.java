package io.mobility.serve.surge;

import io.mobility.events.zone.ZoneState;
import io.mobility.lake.FeatureSnapshot;
import io.mobility.serve.error.ApiException;
import io.mobility.serve.export.ExportedFile;
import io.mobility.serve.feature.CalendarFeatures;
import io.mobility.serve.model.LoadedModel;
import io.mobility.serve.model.ModelRef;
import io.mobility.serve.model.ServedModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** The surge multiplier of a zone from its live demand and supply (docs/model-format.md, "Online surge features"). */
public final class SurgePredictor {

    public static final String MODEL = "surge";

    private final ServedModels models;
    private final LiveZoneStates states;
    private final boolean reading;
    private final ExportedFile<FeatureSnapshot> snapshot;
    private final int windowMinutes;
    private final Duration maxAge;
    private final Clock clock;

    public SurgePredictor(
            ServedModels models,
            LiveZoneStates states,
            boolean reading,
            ExportedFile<FeatureSnapshot> snapshot,
            int windowMinutes,
            Duration maxAge,
            Clock clock) {
        this.models = models;
        this.states = states;
        this.reading = reading;
        this.snapshot = snapshot;
        this.windowMinutes = windowMinutes;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Checks that every feature of the loaded surge model can be computed online; a reason if not. */
    public static String unsupportedFeature(LoadedModel model) {
        for (String name : model.metadata().features()) {
            if (!CalendarFeatures.isCalendar(name) && live(name, null).isEmpty()) {
                return name;
            }
        }
        return null;
    }

    public SurgePrediction predict(SurgeRequest request, String path) {
        String zoneField = path.isEmpty() ? "zone_id" : path + ".zone_id";
        LoadedModel model = models.current(MODEL)
                .orElseThrow(() -> ApiException.unavailable(
                        "model_unavailable",
                        "no surge model is loaded: " + models.problem(MODEL).orElse("not loaded yet")));
        if (!reading) {
            throw ApiException.unavailable(
                    "live_state_unavailable", "this service is not configured to read zone state");
        }
        ZoneState state = states.latest(request.zoneId(), windowMinutes).orElseThrow(() -> {
            boolean known =
                    snapshot.current().flatMap(s -> s.zone(request.zoneId())).isPresent();
            return known
                    ? new ApiException(
                            404,
                            "no_live_state",
                            zoneField,
                            zoneField + ": no live demand and supply for zone '" + request.zoneId() + "' in "
                                    + windowMinutes + "-minute windows yet")
                    : ApiException.unknownZone(zoneField, request.zoneId());
        });
        Instant now = clock.instant();
        Instant time = request.time().orElse(now);
        List<String> names = model.metadata().features();
        CalendarFeatures calendar = CalendarFeatures.of(time);
        double[] vector = new double[names.size()];
        for (int i = 0; i < vector.length; i++) {
            String name = names.get(i);
            OptionalDouble value = calendar.value(name);
            vector[i] = value.isPresent()
                    ? value.getAsDouble()
                    : live(name, state)
                            .orElseThrow(() -> ApiException.unavailable(
                                    "model_unavailable",
                                    "surge model " + model.version() + " needs feature '" + name
                                            + "' which is not available online"));
        }
        double raw = model.ensemble().predict(vector);
        double max = model.metadata().outputMax();
        var explanation = new SurgePrediction.Explanation(
                state.getRideRequests(),
                state.getAvailableDrivers(),
                ratio(state),
                state.getOpenRequests(),
                state.getWindowMinutes(),
                state.getWindowStart(),
                state.getWindowEnd(),
                raw,
                model.metadata().outputMin(),
                Double.isInfinite(max) ? null : max);
        Duration age = Duration.between(state.getUpdatedAt(), now);
        var freshness = new SurgePrediction.Freshness(
                state.getUpdatedAt(),
                age.toMillis() / 1000.0,
                states.lag().isPresent() ? states.lag().getAsLong() : null,
                age.compareTo(maxAge) > 0);
        return new SurgePrediction(
                request.zoneId(), time, model.metadata().cap(raw), ModelRef.of(model), explanation, freshness);
    }

    private static double ratio(ZoneState state) {
        return state.getRideRequests() / (double) Math.max(state.getAvailableDrivers(), 1);
    }

    private static OptionalDouble live(String name, ZoneState state) {
        boolean probe = state == null;
        return switch (name) {
            case "ride_requests" -> OptionalDouble.of(probe ? 0 : state.getRideRequests());
            case "open_requests" -> OptionalDouble.of(probe ? 0 : state.getOpenRequests());
            case "available_drivers" -> OptionalDouble.of(probe ? 0 : state.getAvailableDrivers());
            case "completed_rides" -> OptionalDouble.of(probe ? 0 : state.getCompletedRides());
            case "cancelled_rides" -> OptionalDouble.of(probe ? 0 : state.getCancelledRides());
            case "demand_supply_ratio" -> OptionalDouble.of(probe ? 0 : ratio(state));
            case "window_minutes" -> OptionalDouble.of(probe ? 0 : state.getWindowMinutes());
            default -> OptionalDouble.empty();
        };
    }
}
