package io.mobility.demo.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortHistoryTest {

    /** What BatchCommand prints when DemandTrainer refuses a lake of 8 days (batch-spark's message, verbatim). */
    private static final String TRAIN_ON_EIGHT_DAYS = """
            12:01:07 WARN  SparkContext: something Spark says on stderr
            batch train skipped: not enough history in /data/lake/gold/features_zone_hour: 2026-11-19T00:00:00Z .. \
            2026-11-27T00:00:00Z holds 192 hours; training needs a warm-up week, at least one training week and 1 \
            holdout week(s)
            """;

    @Test
    void trainRefusingShortHistoryIsRecognisedWithItsOwnExplanation() {
        assertThat(ShortHistory.reason(3, TRAIN_ON_EIGHT_DAYS))
                .hasValue("not enough history in "
                        + "/data/lake/gold/features_zone_hour: "
                        + "2026-11-19T00:00:00Z .. 2026-11-27T00:00:00Z holds 192 hours; "
                        + "training needs a warm-up week, at least one training week and 1 holdout week(s)");
    }

    @Test
    void theSurgeModelsShortHistoryToo() {
        assertThat(ShortHistory.reason(
                        3,
                        "batch train skipped: not enough history for the surge model: a .. b is "
                                + "shorter than the 1 holdout week(s) plus training data\n"))
                .isPresent();
    }

    @Test
    void anyOtherFailureIsAFailure() {
        assertThat(ShortHistory.reason(
                        1,
                        "batch train failed: no Delta table at /l/gold/features_zone_hour: run "
                                + "'batch features' first\n"))
                .isEmpty();
        assertThat(ShortHistory.reason(3, "java.lang.IllegalStateException: not enough history\n"))
                .isEmpty();
        // The message with another status (a crash after it, a usage error) is not the contract.
        assertThat(ShortHistory.reason(1, TRAIN_ON_EIGHT_DAYS)).isEmpty();
        assertThat(ShortHistory.reason(2, TRAIN_ON_EIGHT_DAYS)).isEmpty();
        assertThat(ShortHistory.reason(0, TRAIN_ON_EIGHT_DAYS)).isEmpty();
    }
}
