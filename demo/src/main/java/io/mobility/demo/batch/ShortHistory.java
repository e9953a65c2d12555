package io.mobility.demo.batch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a batch job that did nothing because the lake holds too little history for it (train needs about three
 * weeks: a warm-up week for the 168-hour lags, a training week, a held-out week). That is a property of the data, not
 * a failure: the chain reports the job as skipped and goes on. batch-spark signals it with its own exit status
 * ({@code BatchCommand.NOT_ENOUGH_HISTORY}, 3) and prints {@code batch JOB skipped: not enough history ...}.
 */
final class ShortHistory {

    /** BatchCommand.NOT_ENOUGH_HISTORY; the demo module does not carry Spark, so not read from the class. */
    static final int EXIT = 3;

    private static final Pattern MESSAGE = Pattern.compile(
            "^batch \\S+ skipped: (not enough history\\b.*)$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private ShortHistory() {}

    /** The job's own explanation when {@code exit} and {@code stderr} say the history was too short, else empty. */
    static Optional<String> reason(int exit, String stderr) {
        if (exit != EXIT) {
            return Optional.empty();
        }
        Matcher m = MESSAGE.matcher(stderr);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
}
