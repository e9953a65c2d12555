package io.mobility.simulator.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mobility.events.driver.DriverEvent;
import io.mobility.events.ride.RideEvent;
import io.mobility.simulator.fault.FaultKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a run sent, counted so that a consumer can reconcile exactly. Every record on the wire is in
 * {@code records_by_topic}. Records a registry-aware consumer can decode are in {@code events_by_type} (ride and
 * driver events by event_type, reference data as ZONE, DRIVER, RIDER), duplicates included. Injected faults are in
 * {@code faults} by kind and {@code faults_by_event_type}; the two undecodable kinds replace the event they were made
 * from and are not in {@code events_by_type}. {@code valid_unique_by_type} is what should survive validation and
 * de-duplication: events_by_type less duplicate copies and less events with a content fault.
 */
public final class Manifest {

    private final Map<String, Object> run = new LinkedHashMap<>();
    // counted on every record: hashed and unboxed; sorted only when read
    private final Map<String, long[]> recordsByTopic = new HashMap<>();
    private final Map<String, long[]> eventsByType = new HashMap<>();
    private final Map<String, Long> faults = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> faultsByType = new LinkedHashMap<>();
    private final Map<String, Long> missingFields = new TreeMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private boolean injectsFaults = true;

    public Manifest() {
        for (FaultKind k : FaultKind.values()) {
            faults.put(k.key(), 0L);
            faultsByType.put(k.key(), new TreeMap<>());
        }
    }

    /** For producers that inject no faults (the TLC replay): leaves the fault sections out of the JSON. */
    public Manifest withoutFaultSections() {
        injectsFaults = false;
        return this;
    }

    /** Describes the run (seed, options, time range); kept in insertion order. */
    public Manifest describe(String key, Object value) {
        run.put(key, value);
        return this;
    }

    /** Extra sections, e.g. the calendar of holidays, weather and shocks. */
    public Manifest section(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public void sent(String topic, SpecificRecord value) {
        count(recordsByTopic, topic);
        count(eventsByType, typeOf(value));
    }

    public void sentRaw(String topic) {
        count(recordsByTopic, topic);
    }

    private static void count(Map<String, long[]> counts, String key) {
        long[] n = counts.get(key);
        if (n == null) {
            counts.put(key, new long[] {1});
        } else {
            n[0]++;
        }
    }

    private static Map<String, Long> sorted(Map<String, long[]> counts) {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, n) -> m.put(k, n[0]));
        return m;
    }

    public void fault(FaultKind kind, String eventType) {
        faults.merge(kind.key(), 1L, Long::sum);
        faultsByType.get(kind.key()).merge(eventType, 1L, Long::sum);
    }

    public void missingField(String eventTypeDotField) {
        missingFields.merge(eventTypeDotField, 1L, Long::sum);
    }

    /** The manifest's type name of a record: event_type for events, ZONE / DRIVER / RIDER for reference data. */
    public static String typeOf(SpecificRecord value) {
        if (value instanceof RideEvent e) {
            return e.getEventType().name();
        }
        if (value instanceof DriverEvent e) {
            return e.getEventType().name();
        }
        return value.getSchema().getName().toUpperCase(java.util.Locale.ROOT);
    }

    public long records(String topic) {
        long[] n = recordsByTopic.get(topic);
        return n == null ? 0 : n[0];
    }

    public long events(String type) {
        long[] n = eventsByType.get(type);
        return n == null ? 0 : n[0];
    }

    public long faults(FaultKind kind) {
        return faults.get(kind.key());
    }

    public Map<String, Long> eventsByType() {
        return Map.copyOf(sorted(eventsByType));
    }

    public Map<String, Long> recordsByTopic() {
        return Map.copyOf(sorted(recordsByTopic));
    }

    public long totalRecords() {
        long total = 0;
        for (long[] n : recordsByTopic.values()) {
            total += n[0];
        }
        return total;
    }

    public Map<String, Long> validUniqueByType() {
        Map<String, Long> valid = sorted(eventsByType);
        for (FaultKind k : FaultKind.values()) {
            if (k == FaultKind.DUPLICATE || (!k.keepsEventValid() && !k.undecodable())) {
                faultsByType.get(k.key()).forEach((type, n) -> valid.merge(type, -n, Long::sum));
            }
        }
        return valid;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(run);
        m.put("records_total", totalRecords());
        m.put("records_by_topic", sorted(recordsByTopic));
        m.put("events_by_type", sorted(eventsByType));
        if (injectsFaults) {
            m.put("faults", faults);
            m.put("faults_by_event_type", faultsByType);
            m.put("missing_required_field_detail", missingFields);
            m.put("valid_unique_by_type", validUniqueByType());
        }
        m.putAll(extra);
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper()
                    .findAndRegisterModules()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toMap());
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the manifest as JSON", e);
        }
    }

    /**
     * A manifest file read back, with the figures a consumer reconciles against (the demo): every record sent, by
     * topic, the faults injected by kind, what should survive validation and de-duplication by type, and the zones.
     */
    public record Totals(
            long recordsTotal,
            Map<String, Long> recordsByTopic,
            Map<String, Long> faults,
            Map<String, Long> validUniqueByType,
            int zones) {}

    public static Totals read(Path file) {
        try {
            JsonNode m = new ObjectMapper().readTree(file.toFile());
            return new Totals(
                    m.path("records_total").asLong(),
                    longs(m.path("records_by_topic")),
                    longs(m.path("faults")),
                    longs(m.path("valid_unique_by_type")),
                    m.path("zones").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the simulator manifest " + file, e);
        }
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + "\n");
    }
}
