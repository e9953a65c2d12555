package io.mobility.streams.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.ride.RideEvent;
import io.mobility.events.zone.Zone;
import io.mobility.streams.Events;
import io.mobility.streams.quarantine.ReasonCode;
import io.mobility.streams.quarantine.Violation;
import io.mobility.streams.zone.ZoneDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules that the Java serializer already refuses to write, so they can only be shown without the wire. */
class RideEventRulesTest {

    private final RideEventRules rules = new RideEventRules(300_000);
    private final Instant now = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void anAmountBeyondDecimal10Scale2IsOutOfRange() {
        // A producer in another language can write unscaled values that need 11 digits.
        RideEvent completed = Events.completed("r1", now);
        completed.getFare().setTip(new BigDecimal("123456789.00"));

        Optional<Violation> violation = rules.check(completed, zones(), now.toEpochMilli());

        assertThat(violation).hasValueSatisfying(v -> {
            assertThat(v.code()).isEqualTo(ReasonCode.AMOUNT_OUT_OF_RANGE);
            assertThat(v.message()).isEqualTo("fare.tip = 123456789.00 does not fit decimal(10,2)");
        });
    }

    @Test
    void theLargestDecimal10Scale2AmountIsFine() {
        RideEvent completed = Events.completed("r1", now);
        completed.getFare().setTip(new BigDecimal("99999999.99"));

        assertThat(rules.check(completed, zones(), now.toEpochMilli())).isEmpty();
    }

    private static ZoneDirectory zones() {
        java.util.Map<String, Zone> byId = new java.util.HashMap<>();
        Events.zones().forEach(z -> byId.put(z.getZoneId(), z));
        return new ZoneDirectory(byId::get);
    }
}
