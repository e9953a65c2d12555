package io.mobility.simulator.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CityCalendarTest {

    /** Local time comes from a cached UTC offset: it must match the zone rules across both DST transitions. */
    @Test
    void localTimeMatchesTheZoneRulesAroundDaylightSavingTransitions() {
        Instant[] starts = {
            Instant.parse("2025-03-09T05:00:00Z"),
            Instant.parse("2025-11-02T04:00:00Z"),
            Instant.parse("2024-12-31T23:00:00Z")
        };
        for (Instant start : starts) {
            // forward minute by minute, then a few steps back in time, as ride events ask
            for (int m = 0; m < 240; m++) {
                Instant t = start.plusSeconds(m * 60L + (m % 7) * 13L);
                assertThat(CityCalendar.local(t)).isEqualTo(LocalDateTime.ofInstant(t, CityCalendar.NEW_YORK));
                Instant back = t.minusSeconds(5_400);
                assertThat(CityCalendar.local(back)).isEqualTo(LocalDateTime.ofInstant(back, CityCalendar.NEW_YORK));
            }
        }
        assertThat(CityCalendar.local(Instant.parse("2025-03-09T07:00:00Z")).getHour())
                .isEqualTo(3);
        assertThat(CityCalendar.local(Instant.parse("2025-03-09T06:59:59Z")).getHour())
                .isEqualTo(1);
        assertThat(CityCalendar.local(Instant.parse("2025-11-02T06:00:00Z")).getHour())
                .isEqualTo(1);
    }
}
