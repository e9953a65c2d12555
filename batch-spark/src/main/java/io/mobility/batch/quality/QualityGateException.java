package io.mobility.batch.quality;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a check fails: nothing of the run is published. The message names each failed check and its counts. */
public final class QualityGateException extends RuntimeException {

    private final List<QualityCheck> failed;

    public QualityGateException(List<QualityCheck> failed) {
        super("quality gate stopped publication: "
                + failed.stream().map(QualityCheck::describe).collect(Collectors.joining("; ")));
        this.failed = List.copyOf(failed);
    }

    public List<QualityCheck> failed() {
        return failed;
    }
}
