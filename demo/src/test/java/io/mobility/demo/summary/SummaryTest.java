package io.mobility.demo.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.demo.batch.BatchChain.Outcome;
import io.mobility.simulator.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void aShortHistorySaysTrainWasSkippedAndWhyThereIsNoModel() {
        Map<String, Outcome> batch = new LinkedHashMap<>();
        batch.put("gold", Outcome.DONE);
        batch.put("aggregates", Outcome.DONE);
        batch.put("features", Outcome.DONE);
        batch.put("train", Outcome.SHORT_HISTORY);
        batch.put("score", Outcome.NO_MODEL);
        batch.put("monitor", Outcome.NO_MODEL);

        String printed = print(batch);

        assertThat(printed)
                .contains("   batch jobs: gold done, aggregates done, features done, "
                        + "train skipped (not enough history), score skipped (no model), monitor skipped (no model)");
        assertThat(printed).contains("train skipped: the history is too short to train on (about three weeks");
    }

    @Test
    void aFullChainSaysNothingAboutShortHistory() {
        Map<String, Outcome> batch = new LinkedHashMap<>();
        List.of("gold", "aggregates", "features", "train", "score", "monitor").forEach(j -> batch.put(j, Outcome.DONE));

        assertThat(print(batch)).doesNotContain("skipped");
    }

    private static String print(Map<String, Outcome> batch) {
        Manifest.Totals manifest =
                new Manifest.Totals(10, Map.of("mobility.ride-events.raw", 10L), Map.of(), Map.of(), 3);
        Summary summary = new Summary(
                Duration.ofSeconds(75),
                manifest,
                Map.of(),
                OptionalLong.of(0),
                Map.of(),
                batch,
                List.of("demand  no model trained (models/demand/current missing)"),
                List.of(),
                Map.of(),
                Path.of("logs"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
