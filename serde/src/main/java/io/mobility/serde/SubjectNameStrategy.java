package io.mobility.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * How a topic and a record schema name the registry subject, as Confluent's strategies of the same names do. Accepts
 * Confluent's class names in configuration so existing client configs keep working.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one record type per topic (the default). */
    TOPIC_NAME,
    /** {@code <record full name>}: a record type shared by many topics. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several record types in one topic. */
    TOPIC_RECORD_NAME;

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /** Parses {@code TopicNameStrategy}, {@code io.confluent...TopicRecordNameStrategy}, {@code topic_name}, ... */
    public static SubjectNameStrategy parse(String value) {
        String simple = value.substring(value.lastIndexOf('.') + 1)
                .toLowerCase(Locale.ROOT)
                .replace("_", "");
        return switch (simple) {
            case "topicnamestrategy", "topicname", "topic" -> TOPIC_NAME;
            case "recordnamestrategy", "recordname", "record" -> RECORD_NAME;
            case "topicrecordnamestrategy", "topicrecordname", "topicrecord" -> TOPIC_RECORD_NAME;
            default ->
                throw new IllegalArgumentException("Unknown subject name strategy '" + value
                        + "'; expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
