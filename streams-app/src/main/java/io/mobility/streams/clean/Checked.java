package io.mobility.streams.clean;

import io.mobility.events.quarantine.QuarantineRecord;

/** What the cleaning step makes of a raw record: a clean event, or a quarantine entry. */
public sealed interface Checked<T> {

    record Clean<T>(T event) implements Checked<T> {
    }

    record Quarantined<T>(QuarantineRecord record) implements Checked<T> {
    }

    default boolean isClean() {
        return this instanceof Clean;
    }

    @SuppressWarnings("unchecked")
    default T event() {
        return ((Clean<T>) this).event();
    }

    default QuarantineRecord quarantined() {
        return ((Quarantined<T>) this).record();
    }
}
