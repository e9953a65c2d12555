package io.mobility.demo.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelMetricsTest {

    @TempDir
    Path lake;

    @Test
    void showsThePromotedVersionsHoldoutAgainstEachBaselineRounded() throws Exception {
        Path version = Files.createDirectories(lake.resolve("models/demand/20261127T055838Z"));
        Files.writeString(version.resolve("metadata.json"), """
                {"version": "20261127T055838Z",
                 "metrics": {"holdout": {"wape": 0.3561042562725866, "mape": null, "rows": 504},
                             "baselines": {"seasonal_naive": {"wape": 0.4103617122097615, "rows": 504},
                                           "trailing_mean": {"wape": 0.6182870004738593, "rows": 504}}}}
                """);
        Files.writeString(lake.resolve("models/demand/current"), "20261127T055838Z\n");

        assertThat(ModelMetrics.lines(lake))
                .containsExactly(
                        "demand  version 20261127T055838Z  holdout: wape 0.356, mape n/a, rows 504"
                                + "  |  seasonal_naive: wape 0.410, rows 504  |  trailing_mean: wape 0.618, rows 504",
                        "surge   no model trained (models/surge/current missing)");
    }
}
