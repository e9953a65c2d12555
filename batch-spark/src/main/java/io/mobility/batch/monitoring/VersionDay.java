package io.mobility.batch.monitoring;

import java.time.LocalDate;

/** The grain of the monitoring tables: a model version on a UTC day (of the hours predicted). */
public record VersionDay(String version, LocalDate day) {}
