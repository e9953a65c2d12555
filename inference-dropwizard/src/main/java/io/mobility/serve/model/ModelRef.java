package io.mobility.serve.model;

/** Which model version answered. */
public record ModelRef(String name, String version) {

    public static ModelRef of(LoadedModel model) {
        return new ModelRef(model.name(), model.version());
    }
}
