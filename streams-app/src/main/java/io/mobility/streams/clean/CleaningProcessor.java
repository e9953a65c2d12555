package io.mobility.streams.clean;

import io.mobility.events.quarantine.QuarantineRecord;
import io.mobility.serde.AvroDecodeException;
import io.mobility.serde.AvroDeserializer;
import io.mobility.streams.MobilityMetrics;
import io.mobility.streams.dedup.Deduplicator;
import io.mobility.streams.quarantine.QuarantineRecords;
import io.mobility.streams.quarantine.ReasonCode;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.zone.ZoneDirectory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Raw bytes in, clean events or quarantine entries out (to different downstream nodes): decode, standardize, validate,
 * drop duplicates, conform. Decoding happens here rather than in a deserializer so that a bad record is quarantined
 * with its raw bytes and its source topic, partition and offset, and never stops the records behind it. A registry
 * outage is not bad data: it is rethrown so the task retries from its last commit.
 */
public final class CleaningProcessor<T extends SpecificRecord>
        implements Processor<byte[], byte[], String, SpecificRecord> {

    private final EventKind<T> kind;
    private final String dedupStore;
    private final Duration dedupHorizon;
    private final Routes routes;

    private ProcessorContext<String, SpecificRecord> context;
    private AvroDeserializer<T> decoder;
    private Deduplicator deduplicator;
    private ZoneDirectory zones;
    private String detectedBy;
    private Sensor clean;
    private Sensor duplicates;
    private final Map<ReasonCode, Sensor> quarantined = new EnumMap<>(ReasonCode.class);

    /**
     * The downstream nodes by name: quarantine entries go to one, clean events to the others. Forwarding to named
     * children spares every record a filter and a map node per branch (each with its own forwarding and metrics).
     */
    public record Routes(String quarantine, List<String> clean) {}

    public CleaningProcessor(EventKind<T> kind, String dedupStore, Duration dedupHorizon, Routes routes) {
        this.kind = kind;
        this.dedupStore = dedupStore;
        this.dedupHorizon = dedupHorizon;
        this.routes = routes;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        decoder = new AvroDeserializer<>(null, kind.type());
        decoder.configure(context.appConfigs(), false);
        deduplicator = new Deduplicator(context.getStateStore(dedupStore), dedupHorizon);
        context.schedule(
                Deduplicator.purgeInterval(dedupHorizon), PunctuationType.STREAM_TIME, deduplicator::forgetBefore);
        zones = ZoneDirectory.open(context);
        detectedBy = context.applicationId();
        clean = MobilityMetrics.counter(context.metrics(), kind.name(), "clean");
        duplicates = MobilityMetrics.counter(context.metrics(), kind.name(), "duplicate-dropped");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        T event;
        try {
            if (record.value() == null) {
                throw new AvroDecodeException(
                        AvroDecodeException.Reason.TOO_SHORT,
                        source.topic(),
                        "the record has no value (null): fewer bytes than the wire-format header");
            }
            event = decoder.deserialize(source.topic(), record.value());
        } catch (AvroDecodeException e) {
            if (!e.reason().isDataProblem()) {
                throw e;
            }
            quarantine(record, source, new Violation(ReasonCode.of(e.reason()), e.getMessage()), null);
            return;
        }
        kind.standardize(event);
        Optional<Violation> violation = kind.check(event, zones, context.currentSystemTimeMs());
        if (violation.isPresent()) {
            quarantine(record, source, violation.get(), kind.eventId(event));
            return;
        }
        long eventTime = kind.eventTimeMs(event);
        if (!deduplicator.firstSighting(kind.eventId(event), eventTime)) {
            duplicates.record();
            return;
        }
        kind.conform(event, zones);
        clean.record();
        Record<String, SpecificRecord> out = new Record<>(kind.key(event), event, eventTime, record.headers());
        for (String child : routes.clean()) {
            context.forward(out, child);
        }
    }

    private void quarantine(Record<byte[], byte[]> record, RecordMetadata source, Violation violation, String eventId) {
        long now = context.currentSystemTimeMs();
        QuarantineRecord entry = QuarantineRecords.of(
                source, record.timestamp(), record.key(), record.value(), violation, eventId, detectedBy, now);
        quarantined
                .computeIfAbsent(
                        violation.code(),
                        code -> MobilityMetrics.counter(context.metrics(), kind.name(), "quarantined-" + code.name()))
                .record();
        context.forward(
                new Record<>(QuarantineRecords.key(source), entry, record.timestamp(), record.headers()),
                routes.quarantine());
    }

    @Override
    public void close() {
        zones.close();
    }
}
