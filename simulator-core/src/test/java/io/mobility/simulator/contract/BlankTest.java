package io.mobility.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneType;
import org.junit.jupiter.api.Test;

class BlankTest {

    @Test
    void fieldsWithDefaultsStartAtTheirDefaultAndContainersAreNotShared() {
        Zone a = Blank.of(Zone.class);
        Zone b = Blank.of(Zone.class);

        assertThat(a.getNeighbours()).isEmpty();
        assertThat(a.getZoneType()).isEqualTo(ZoneType.UNKNOWN);
        assertThat(a.getServiceZone()).isNull();
        assertThat(a.getZoneId()).as("no default: left for the producer").isNull();
        a.getNeighbours().add("1");
        assertThat(b.getNeighbours()).isEmpty();

        RideEvent e = Blank.of(RideEvent.class);
        assertThat(e.getPaymentMethod()).isEqualTo(PaymentMethod.UNKNOWN);
    }
}
