package io.mobility.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MonitorWindowTest {

    @Test
    void aWindowEndingMidDayHasAPartialLastDayAndWeekLongDriftWindows() {
        MonitorWindow w = MonitorWindow.ending(Instant.parse("2026-11-27T02:00:00Z"), 7);
        assertThat(w.from()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(w.dayList())
                .hasSize(7)
                .startsWith(LocalDate.of(2026, 11, 21))
                .endsWith(LocalDate.of(2026, 11, 27));
        assertThat(w.hoursOf(LocalDate.of(2026, 11, 21))).isEqualTo(24);
        assertThat(w.hoursOf(LocalDate.of(2026, 11, 27))).isEqualTo(2);
        assertThat(w.driftEnd(LocalDate.of(2026, 11, 27))).isEqualTo(Instant.parse("2026-11-27T02:00:00Z"));
        assertThat(w.driftStart(LocalDate.of(2026, 11, 27))).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(w.featuresFrom()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
    }

    @Test
    void zeroDaysIsRefused() {
        assertThatThrownBy(() -> MonitorWindow.ending(Instant.parse("2026-11-27T00:00:00Z"), 0))
                .hasMessage("--days must be at least 1, got 0");
    }
}
