package io.mobility.sink.delta;

/** The first and last Kafka offset of one topic-partition in a commit. */
public record OffsetRange(long first, long last) {

    public OffsetRange {
        if (first > last) {
            throw new IllegalArgumentException("first offset " + first + " after last " + last);
        }
    }

    public OffsetRange extendTo(long offset) {
        return new OffsetRange(Math.min(first, offset), Math.max(last, offset));
    }
}
