package io.mobility.serve.demand;

import io.mobility.lake.FeatureSnapshot;
import io.mobility.serve.error.ApiException;
import io.mobility.serve.export.ExportedFile;
import io.mobility.serve.feature.CalendarFeatures;
import io.mobility.serve.model.LoadedModel;
import io.mobility.serve.model.ModelRef;
import io.mobility.serve.model.ServedModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Builds the demand model's feature vector for a zone and hour: explicit overrides first, then calendar features of
 * the requested hour, then the zone's row in the latest feature snapshot.
 */
public final class DemandPredictor {

    public static final String MODEL = "demand";

    private final ServedModels models;
    private final ExportedFile<FeatureSnapshot> snapshot;

    public DemandPredictor(ServedModels models, ExportedFile<FeatureSnapshot> snapshot) {
        this.models = models;
        this.snapshot = snapshot;
    }

    public DemandPrediction predict(DemandRequest request, String path) {
        LoadedModel model = models.current(MODEL)
                .orElseThrow(() -> ApiException.unavailable(
                        "model_unavailable",
                        "no demand model is loaded: " + models.problem(MODEL).orElse("not loaded yet")));
        FeatureSnapshot features = snapshot.current()
                .orElseThrow(() -> ApiException.unavailable(
                        "features_unavailable",
                        "no feature snapshot is loaded: " + snapshot.problem().orElse("not loaded yet")));
        String zoneField = path.isEmpty() ? "zone_id" : path + ".zone_id";
        FeatureSnapshot.ZoneFeatures zone = features.zone(request.zoneId())
                .orElseThrow(() -> ApiException.unknownZone(zoneField, request.zoneId()));
        List<String> names = model.metadata().features();
        for (String override : request.overrides().keySet()) {
            if (!names.contains(override)) {
                throw ApiException.invalid(
                        (path.isEmpty() ? "" : path + ".") + "overrides." + override,
                        "not a feature of demand model " + model.version() + "; its features are " + names);
            }
        }
        double[] vector = new double[names.size()];
        Map<String, Double> shown = new LinkedHashMap<>();
        List<String> overridden = new ArrayList<>();
        CalendarFeatures calendar = CalendarFeatures.of(request.hour());
        for (int i = 0; i < vector.length; i++) {
            String name = names.get(i);
            vector[i] = value(name, request, calendar, features, zone, model, overridden);
            shown.put(name, Double.isNaN(vector[i]) ? null : vector[i]);
        }
        return new DemandPrediction(
                request.zoneId(),
                zone.zoneName(),
                request.hour(),
                model.predict(vector),
                ModelRef.of(model),
                features.asOfHour(),
                features.generatedAt(),
                overridden,
                shown);
    }

    private static double value(
            String name,
            DemandRequest request,
            CalendarFeatures calendar,
            FeatureSnapshot features,
            FeatureSnapshot.ZoneFeatures zone,
            LoadedModel model,
            List<String> overridden) {
        Double override = request.overrides().get(name);
        if (override != null) {
            overridden.add(name);
            return override;
        }
        OptionalDouble fromCalendar = calendar.value(name);
        if (fromCalendar.isPresent()) {
            return fromCalendar.getAsDouble();
        }
        int column = features.features().indexOf(name);
        if (column < 0) {
            throw ApiException.unavailable(
                    "features_unavailable",
                    "demand model " + model.version() + " needs feature '" + name
                            + "' which the feature snapshot does not export");
        }
        return zone.values()[column];
    }
}
