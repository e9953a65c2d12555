package io.mobility.streams.quarantine;

import io.mobility.events.quarantine.QuarantineRecord;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the quarantine entry for a refused record, with where it came from and its bytes as received. */
public final class QuarantineRecords {

    private QuarantineRecords() {}

    /** Key of the quarantine topic: {@code topic/partition/offset} of the source record. */
    public static String key(RecordMetadata source) {
        return source.topic() + "/" + source.partition() + "/" + source.offset();
    }

    public static QuarantineRecord of(
            RecordMetadata source,
            long sourceTimestamp,
            byte[] key,
            byte[] value,
            Violation violation,
            String eventId,
            String detectedBy,
            long now) {
        return QuarantineRecord.newBuilder()
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestamp(sourceTimestamp < 0 ? null : java.time.Instant.ofEpochMilli(sourceTimestamp))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReasonCode(violation.code().name())
                .setMessage(violation.message())
                .setEventId(eventId)
                .setDetectedBy(detectedBy)
                .setQuarantinedAt(java.time.Instant.ofEpochMilli(now))
                .build();
    }
}
