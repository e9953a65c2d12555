package io.mobility.batch.model;

/**
 * The lake holds too little history for a model to be trained and judged (a warm-up week for the longest lag, a
 * training week, the held-out weeks). A property of the data, not a fault: {@code batch train} reports the job as
 * skipped with its own exit status, so a scheduler or the demo can tell "wait for more data" from "broken".
 */
public final class NotEnoughHistoryException extends IllegalArgumentException {

    public NotEnoughHistoryException(String message) {
        super(message);
    }
}
