package io.mobility.demo.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.mobility.demo.batch.BatchChain.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainProgressTest {

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final ChainProgress progress =
            new ChainProgress(BatchChain.JOBS, new PrintStream(shown, true, StandardCharsets.UTF_8));

    @Test
    void trainOnShortHistoryIsSkippedAndScoreAndMonitorSayThereIsNoModel() {
        progress.accept("[gold] 1,234 rides");
        progress.accept("[chain] gold exit 0 41.2 s");
        progress.accept("[chain] aggregates exit 0 20.0 s");
        progress.accept("[chain] features exit 0 30.5 s");
        progress.accept("[chain] train short-history not enough history in /l/gold/features_zone_hour: a .. b holds "
                + "192 hours; training needs a warm-up week, at least one training week and 1 holdout week(s)");
        progress.accept("[chain] score skipped train");
        progress.accept("[chain] monitor skipped score");

        assertThat(progress.outcomes())
                .containsExactly(
                        entry("gold", Outcome.DONE),
                        entry("aggregates", Outcome.DONE),
                        entry("features", Outcome.DONE),
                        entry("train", Outcome.SHORT_HISTORY),
                        entry("score", Outcome.NO_MODEL),
                        entry("monitor", Outcome.NO_MODEL));
        assertThat(shown.toString(StandardCharsets.UTF_8))
                .contains(
                        "     [gold] 1,234 rides",
                        "   batch gold: done in 41.2 s",
                        "   batch train: skipped, not enough history in "
                                + "/l/gold/features_zone_hour: a .. b holds 192 hours; "
                                + "training needs a warm-up week",
                        "   batch score: skipped, no model (train skipped: not enough history)",
                        "   batch monitor: skipped, no model (score skipped: not enough history)");
    }

    @Test
    void aJobMissingFromThisBuildIsNotAShortHistory() {
        progress.accept("[chain] gold exit 0 41.2 s");
        progress.accept("[chain] aggregates exit 0 20.0 s");
        progress.accept("[chain] features unknown");
        progress.accept("[chain] train skipped features");
        progress.accept("[chain] score skipped features,train");

        assertThat(progress.outcomes())
                .containsEntry("features", Outcome.NOT_AVAILABLE)
                .containsEntry("train", Outcome.SKIPPED)
                .containsEntry("score", Outcome.SKIPPED)
                .containsEntry("monitor", Outcome.NOT_RUN);
        assertThat(shown.toString(StandardCharsets.UTF_8))
                .contains(
                        "   batch features: not available in this build",
                        "   batch score: skipped, it needs features and train (not available in this build)");
    }

    @Test
    void aFailedJobSaysSoWithItsStatus() {
        progress.accept("[chain] gold exit 1 3.0 s");

        assertThat(progress.outcomes()).containsEntry("gold", Outcome.FAILED);
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("   batch gold: FAILED (exit 1) in 3.0 s");
    }
}
