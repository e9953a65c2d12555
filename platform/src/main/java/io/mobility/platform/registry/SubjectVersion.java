package io.mobility.platform.registry;

/**
 * One version of a subject: the schema (in Avro's canonical string form) registered as {@code version} of
 * {@code subject}, under the global schema {@code id}.
 */
record SubjectVersion(String subject, int version, int id, String schema) {}
