package io.mobility.batch.monitoring;

/** The usual PSI reading: below 0.1 stable, up to 0.25 moderate, from 0.25 a major shift. */
public enum DriftBand {
    STABLE,
    MODERATE,
    MAJOR;

    public static final double MODERATE_FROM = 0.1;
    public static final double MAJOR_FROM = 0.25;

    public static DriftBand of(double psi) {
        if (psi >= MAJOR_FROM) {
            return MAJOR;
        }
        return psi >= MODERATE_FROM ? MODERATE : STABLE;
    }

    /** The name used in tables and latest.json. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
