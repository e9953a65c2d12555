package io.mobility.simulator.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.zone.Zone;
import io.mobility.events.zone.ZoneType;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CityTest {

    private final ZoneLookup lookup = ZoneLookup.bundled();

    @Test
    void aDefaultCityHasEveryZoneTypeAndRealTlcIdentities() {
        City city = City.of(30, lookup);

        assertThat(city.size()).isEqualTo(30);
        Set<ZoneType> types = new HashSet<>();
        city.zones().forEach(z -> types.add(z.type()));
        assertThat(types)
                .containsAll(Arrays.asList(
                        ZoneType.BUSINESS, ZoneType.RESIDENTIAL, ZoneType.NIGHTLIFE, ZoneType.AIRPORT, ZoneType.MIXED));
        CityZone jfk = city.find("132").orElseThrow();
        assertThat(jfk.name()).isEqualTo("JFK Airport");
        assertThat(jfk.borough()).isEqualTo("Queens");
        assertThat(jfk.serviceZone()).isEqualTo("Airports");
        assertThat(jfk.type()).isEqualTo(ZoneType.AIRPORT);
    }

    @Test
    void neighboursAreMutualAndInsideTheCity() {
        City city = City.of(30, lookup);
        for (CityZone zone : city.zones()) {
            assertThat(zone.neighbours())
                    .as("neighbours of %s", zone.id())
                    .isNotEmpty()
                    .doesNotContain(zone.id());
            for (String n : zone.neighbours()) {
                assertThat(city.find(n)).as("neighbour %s of %s", n, zone.id()).isPresent();
                assertThat(city.find(n).orElseThrow().neighbours()).contains(zone.id());
            }
        }
        for (int i = 0; i < city.size(); i++) {
            int index = i;
            assertThat(Arrays.stream(city.neighbourIndexes(i))
                            .mapToObj(z -> city.zone(z).id())
                            .toList())
                    .as("neighbour indexes of zone %d", i)
                    .isEqualTo(city.zone(index).neighbours());
        }
    }

    @Test
    void geometryIsPlausibleNewYorkAndStablePerZone() {
        City small = City.of(10, lookup);
        City large = City.of(100, lookup);
        for (CityZone zone : small.zones()) {
            assertThat(zone.centroid().getLat()).isBetween(40.45, 40.95);
            assertThat(zone.centroid().getLon()).isBetween(-74.30, -73.65);
            assertThat(zone.centroid().getLat())
                    .isBetween(zone.box().getMinLat(), zone.box().getMaxLat());
            assertThat(zone.centroid().getLon())
                    .isBetween(zone.box().getMinLon(), zone.box().getMaxLon());
            assertThat(large.find(zone.id()).orElseThrow().centroid()).isEqualTo(zone.centroid());
        }
    }

    @Test
    void referenceRecordCarriesTheZone() {
        CityZone zone = City.of(5, lookup).zone(0);
        Zone ref = zone.toReference(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(ref.getZoneId()).isEqualTo(zone.id());
        assertThat(ref.getNeighbours()).isEqualTo(zone.neighbours());
        assertThat(ref.getBoundingBox()).isEqualTo(zone.box());
    }

    @Test
    void unknownPlaceholdersAreNeverZonesOfACity() {
        City all = City.allOf(lookup);
        assertThat(all.size()).isEqualTo(263);
        assertThat(all.find("264")).isEmpty();
        assertThat(all.find("265")).isEmpty();
    }

    @Test
    void tooManyZonesIsAClearError() {
        assertThatThrownBy(() -> City.of(500, lookup))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--zones must be between 2 and 263")
                .hasMessageContaining("500");
    }
}
