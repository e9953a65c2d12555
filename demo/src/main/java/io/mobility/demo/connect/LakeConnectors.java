package io.mobility.demo.connect;

import io.mobility.events.Topics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Delta sink connectors of the lake, as docs/delta-sink.md shows them (the reference one included: the silver
 * contract, docs/gold.md, needs {@code silver/zones}, {@code silver/drivers} and {@code silver/riders}).
 */
public final class LakeConnectors {

    /** A connector: its name and the configuration PUT to {@code /connectors/NAME/config}. */
    public record Connector(String name, List<String> topics, Map<String, String> config) {}

    public static final String DLQ = "mobility.delta-sink.dlq";

    private LakeConnectors() {}

    public static List<Connector> all(Path lake, String registryUrl) {
        String root = lake.toAbsolutePath().toString();
        return List.of(
                connector(
                        "lake-bronze",
                        List.of(Topics.RIDE_EVENTS_RAW.name(), Topics.DRIVER_EVENTS_RAW.name()),
                        root,
                        registryUrl,
                        Map.of(
                                "delta.table.overrides",
                                        Topics.RIDE_EVENTS_RAW.name() + ":bronze/ride_events,"
                                                + Topics.DRIVER_EVENTS_RAW.name() + ":bronze/driver_events",
                                "delta.partition.mode", "ingest-date",
                                "delta.audit.columns", "true",
                                // Undecodable records (the simulator's dirty bytes) go to the dead-letter topic.
                                "errors.deadletterqueue.context.headers.enable", "true")),
                connector(
                        "lake-silver",
                        List.of(Topics.RIDE_EVENTS_CLEAN.name(), Topics.DRIVER_EVENTS_CLEAN.name()),
                        root,
                        registryUrl,
                        Map.of(
                                "delta.table.overrides",
                                        Topics.RIDE_EVENTS_CLEAN.name() + ":silver/ride_events,"
                                                + Topics.DRIVER_EVENTS_CLEAN.name() + ":silver/driver_events",
                                "delta.partition.mode", "event-date",
                                "delta.partition.field", "event_time")),
                connector(
                        "lake-rides",
                        List.of(Topics.RIDES.name()),
                        root,
                        registryUrl,
                        Map.of(
                                "delta.table.overrides", Topics.RIDES.name() + ":silver/rides",
                                "delta.partition.mode", "event-date",
                                "delta.partition.field", "last_event_time")),
                connector(
                        "lake-reference",
                        List.of(Topics.ZONES.name(), Topics.DRIVERS.name(), Topics.RIDERS.name()),
                        root,
                        registryUrl,
                        Map.of(
                                "delta.table.overrides",
                                Topics.ZONES.name() + ":silver/zones,"
                                        + Topics.DRIVERS.name() + ":silver/drivers,"
                                        + Topics.RIDERS.name() + ":silver/riders",
                                "delta.partition.mode",
                                "none")),
                connector(
                        "lake-quarantine",
                        List.of(Topics.QUARANTINE.name()),
                        root,
                        registryUrl,
                        Map.of(
                                "delta.table.overrides", Topics.QUARANTINE.name() + ":silver/quarantine",
                                "delta.partition.mode", "event-date",
                                "delta.partition.field", "quarantined_at",
                                "delta.partition.column", "quarantine_date",
                                "delta.audit.columns", "true")));
    }

    private static Connector connector(
            String name, List<String> topics, String root, String registryUrl, Map<String, String> specific) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.mobility.sink.DeltaSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", String.join(",", topics));
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "io.mobility.serde.connect.AvroConverter");
        config.put("value.converter.schema.registry.url", registryUrl);
        config.put("delta.table.root", root);
        // Small commits often: the demo waits for the lake, a production sink would commit less often.
        config.put("delta.flush.interval.ms", "5000");
        config.put("delta.flush.records", "50000");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", DLQ);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.putAll(specific);
        return new Connector(name, topics, config);
    }
}
