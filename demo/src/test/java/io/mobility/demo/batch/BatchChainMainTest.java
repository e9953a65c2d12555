package io.mobility.demo.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each job of the chain gets the options meant for it: a batch job refuses an option it does not have. */
class BatchChainMainTest {

    private static final List<String> OPTIONS =
            List.of("--lake", "/l", "train:--holdout-weeks", "1", "--master", "local[2]", "score:--horizon=12");

    @Test
    void aJobsOwnOptionGoesToThatJobOnly() {
        assertThat(BatchChainMain.optionsFor("train", OPTIONS))
                .containsExactly("--lake", "/l", "--holdout-weeks", "1", "--master", "local[2]");
        assertThat(BatchChainMain.optionsFor("score", OPTIONS))
                .containsExactly("--lake", "/l", "--master", "local[2]", "--horizon=12");
        assertThat(BatchChainMain.optionsFor("gold", OPTIONS)).containsExactly("--lake", "/l", "--master", "local[2]");
    }
}
