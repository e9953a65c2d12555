package io.mobility.sink.testing;

import io.mobility.events.ExampleEvents;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.serde.connect.AvroData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Ride events from the contract, as Connect hands them to a sink: converted by the project's {@link AvroData}, the
 * same way AvroConverter does on a worker. Event times spread over three days so date partitions are exercised.
 */
public final class RideRecords {

    public static final AvroData AVRO_DATA = new AvroData();
    public static final Schema RIDE_SCHEMA = AVRO_DATA.toConnectSchema(RideEvent.getClassSchema());

    private RideRecords() {}

    public static RideEvent event(long n) {
        RideEventType type = n % 5 == 0 ? RideEventType.RIDE_COMPLETED : RideEventType.RIDE_REQUESTED;
        RideEvent event = ExampleEvents.ride(type);
        event.setEventId("evt-" + n);
        event.setRideId("ride-" + n);
        event.setEventTime(ExampleEvents.T0.plus(Duration.ofHours(n % 72)));
        return event;
    }

    public static SinkRecord record(String topic, int partition, long offset) {
        RideEvent event = event(offset);
        return new SinkRecord(
                topic,
                partition,
                null,
                null,
                RIDE_SCHEMA,
                AVRO_DATA.toConnectValue(RideEvent.getClassSchema(), event),
                offset,
                event.getEventTime().toEpochMilli(),
                TimestampType.CREATE_TIME);
    }

    /** An endless partition: record i is made when the sink asks for it, like a topic producers keep feeding. */
    public static List<SinkRecord> endless(String topic, int partition) {
        return new java.util.AbstractList<>() {
            @Override
            public SinkRecord get(int index) {
                return record(topic, partition, index);
            }

            @Override
            public int size() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive) of one partition. */
    public static List<SinkRecord> records(String topic, int partition, long from, long to) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(record(topic, partition, offset));
        }
        return records;
    }
}
