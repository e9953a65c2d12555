package io.mobility.demo.batch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a batch job that did nothing because the lake holds too little history for it (train needs about three
 * weeks: a warm-up week for the 168-hour lags, a training week, a held-out week). That is a property of the data, not
 * a failure: the chain reports the job as skipped and goes on. batch-spark signals it with exit status 1 and the
 * message its trainers throw, printed by {@code BatchCommand} as {@code batch JOB failed: not enough history ...}.
 */
final class ShortHistory {

    static final int EXIT = 1;
    private static final Pattern MESSAGE = Pattern.compile("^batch \\S+ failed: (not enough history\\b.*)$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private ShortHistory() {
    }

    /** The job's own explanation when {@code exit} and {@code stderr} say the history was too short, else empty. */
    static Optional<String> reason(int exit, String stderr) {
        if (exit != EXIT) {
            return Optional.empty();
        }
        Matcher m = MESSAGE.matcher(stderr);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
}
