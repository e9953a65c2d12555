package io.mobility.simulator.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.events.Topics;
import io.mobility.events.ride.PaymentMethod;
import io.mobility.events.ride.RideEvent;
import io.mobility.events.ride.RideEventType;
import io.mobility.events.ride.VehicleType;
import io.mobility.events.zone.Zone;
import io.mobility.simulator.Progress;
import io.mobility.simulator.city.CsvLine;
import io.mobility.simulator.city.ZoneLookup;
import io.mobility.simulator.manifest.Manifest;
import io.mobility.simulator.sink.RecordingSink;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlcReplayTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(TlcReplayTest.class.getResource("/tlc/" + name))
                .toURI());
    }

    private record Replayed(RecordingSink sink, TlcReplay replay, Manifest report) {
        List<RideEvent> events(RideEventType type) {
            return sink.sent.stream()
                    .filter(s -> s.value() instanceof RideEvent e && e.getEventType() == type)
                    .map(s -> (RideEvent) s.value())
                    .toList();
        }

        RideEvent completed(String rideIdSuffix) {
            return events(RideEventType.RIDE_COMPLETED).stream()
                    .filter(e -> e.getRideId().endsWith(rideIdSuffix))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Replayed replay(Path... files) throws IOException {
        RecordingSink sink = new RecordingSink();
        TlcReplay replay = new TlcReplay(sink, "test", Progress.silent());
        replay.publishZones(Instant.parse("2025-01-01T00:00:00Z"));
        for (Path f : files) {
            replay.replay(f);
        }
        return new Replayed(sink, replay, replay.finish());
    }

    @Test
    void oneCompletedRidePerValidTripAndRejectedTripsCountedByReason() throws Exception {
        Replayed r = replay(resource("yellow_tripdata_sample_2019-01.csv"));

        assertThat(r.replay.tripsRead()).isEqualTo(26);
        assertThat(r.replay.tripsValid()).isEqualTo(20);
        assertThat(r.replay.rejectedByReason())
                .isEqualTo(
                        Map.of("unknown_zone", 3L, "inverted_times", 1L, "impossible_amount", 2L, "malformed_row", 1L));
        assertThat(r.report.toJson())
                .contains("\"trips_valid\" : 20")
                .contains("yellow_tripdata_sample_2019-01.csv row 27: column pickup: "
                        + "'2019-01-32 25:00:00' is not a timestamp");
        // every readable trip becomes its four events, valid or not
        for (RideEventType type : List.of(
                RideEventType.RIDE_REQUESTED,
                RideEventType.DRIVER_ASSIGNED,
                RideEventType.RIDE_STARTED,
                RideEventType.RIDE_COMPLETED)) {
            assertThat(r.events(type)).as("%s events", type).hasSize(26);
        }
        Map<String, Instant> started = new java.util.HashMap<>();
        r.events(RideEventType.RIDE_STARTED).forEach(e -> started.put(e.getRideId(), e.getEventTime()));
        long validCompleted = r.events(RideEventType.RIDE_COMPLETED).stream()
                .filter(validRide().and(e -> !e.getEventTime().isBefore(started.get(e.getRideId()))))
                .count();
        assertThat(validCompleted).isEqualTo(20);
        assertThat(r.sink.sent)
                .filteredOn(s -> s.topic().equals(Topics.ZONES.name()))
                .hasSize(263);
    }

    private static Predicate<RideEvent> validRide() {
        ZoneLookup lookup = ZoneLookup.bundled();
        return e -> lookup.find(e.getPickupZoneId()).map(ZoneLookup.Row::known).orElse(false)
                && lookup.find(e.getDropoffZoneId()).map(ZoneLookup.Row::known).orElse(false)
                && e.getFare().getTotal().signum() >= 0
                && !e.getEventTime().isBefore(Instant.parse("2019-01-01T00:00:00Z"))
                && e.getDistanceKm() != null;
    }

    @Test
    void aCompletedRideCarriesTheTripsZonesUtcTimesAndAmounts() throws Exception {
        // row 1: 1,2019-01-15 03:36:12,2019-01-15 03:42:19,1,1.0,1,N,230,48,1,6.5,0.5,0.5,1.95,0.0,0.3,9.75,
        Replayed r = replay(resource("yellow_tripdata_sample_2019-01.csv"));
        RideEvent done = r.completed("-1");

        assertThat(done.getRideId()).isEqualTo("tlc-yellow-yellow_tripdata_sample_2019-01-1");
        assertThat(done.getPickupZoneId()).isEqualTo("230");
        assertThat(done.getDropoffZoneId()).isEqualTo("48");
        assertThat(done.getEventTime()).isEqualTo(Instant.parse("2019-01-15T08:42:19Z"));
        assertThat(done.getFare().getTotal()).isEqualByComparingTo("9.75");
        assertThat(done.getFare().getTip()).isEqualByComparingTo("1.95");
        assertThat(done.getFare().getTolls()).isEqualByComparingTo("0.00");
        assertThat(done.getFare().getBase())
                .as("fare 6.5 + extra 0.5 + mta 0.5 + improvement 0.3")
                .isEqualByComparingTo("7.80");
        assertThat(done.getDistanceKm()).isEqualTo(1.609);
        assertThat(done.getPaymentMethod()).isEqualTo(PaymentMethod.CARD);
        assertThat(done.getVehicleType()).isEqualTo(VehicleType.ECONOMY);

        List<RideEvent> ride = r.sink.sent.stream()
                .filter(s -> s.key().equals(done.getRideId()))
                .map(s -> (RideEvent) s.value())
                .toList();
        assertThat(ride)
                .extracting(RideEvent::getEventType)
                .containsExactly(
                        RideEventType.RIDE_REQUESTED,
                        RideEventType.DRIVER_ASSIGNED,
                        RideEventType.RIDE_STARTED,
                        RideEventType.RIDE_COMPLETED);
        Instant started = ride.get(2).getEventTime();
        assertThat(started).isEqualTo(Instant.parse("2019-01-15T08:36:12Z"));
        assertThat(ride.get(0).getEventTime()).isBetween(started.minusSeconds(8 * 60), started.minusSeconds(2 * 60));
        assertThat(ride.get(1).getEventTime())
                .isAfter(ride.get(0).getEventTime())
                .isBefore(started);
    }

    @Test
    void rejectedTripsAreSentAsTheFaultyEventsTheyAre() throws Exception {
        Replayed r = replay(resource("yellow_tripdata_sample_2019-01.csv"));

        // row 26 had its times swapped: completed before started
        RideEvent inverted = r.completed("-26");
        RideEvent invertedStart = r.events(RideEventType.RIDE_STARTED).stream()
                .filter(e -> e.getRideId().equals(inverted.getRideId()))
                .findFirst()
                .orElseThrow();
        assertThat(inverted.getEventTime()).isBefore(invertedStart.getEventTime());
        // rows 24-25: negative amounts as published
        assertThat(r.completed("-24").getFare().getTotal().signum()).isNegative();
        // rows 21-23: zone 264/265
        assertThat(List.of(r.completed("-21"), r.completed("-22"), r.completed("-23")))
                .allMatch(e -> List.of("264", "265").contains(e.getPickupZoneId())
                        || List.of("264", "265").contains(e.getDropoffZoneId()));
    }

    @Test
    void officialColumnNamesAndDaylightSavingTime() throws Exception {
        Replayed r = replay(resource("yellow_tripdata_2019-03_official_names.csv"));

        assertThat(r.replay.tripsValid()).isEqualTo(8);
        // 2019-03-09 23:55:33 EST (UTC-5); 2019-03-10 14:50:41 EDT (UTC-4)
        assertThat(r.completed("-1").getEventTime()).isEqualTo(Instant.parse("2019-03-10T04:55:33Z"));
        assertThat(r.completed("-5").getEventTime()).isEqualTo(Instant.parse("2019-03-10T18:50:41Z"));
        assertThat(r.completed("-5").getPickupZoneId()).isEqualTo("263");
        assertThat(r.completed("-5").getFare().getTotal()).isEqualByComparingTo("20.80");
    }

    @Test
    void greenColumnNamesMakeGreenRides() throws Exception {
        Replayed r = replay(resource("green_columns_2019-03.csv"));

        assertThat(r.replay.tripsValid()).isEqualTo(3);
        assertThat(r.events(RideEventType.RIDE_COMPLETED))
                .allMatch(e ->
                        e.getVehicleType() == VehicleType.GREEN && e.getRideId().startsWith("tlc-green-"));
    }

    @Test
    void parquetWithTheTlcsColumnsReplaysLikeTheCsv(@TempDir Path dir) throws Exception {
        Path csv = resource("yellow_tripdata_2019-03_official_names.csv");
        Path parquet = dir.resolve("yellow_tripdata_2019-03.parquet");
        writeParquet(csv, parquet);

        List<RideEvent> fromCsv = replay(csv).events(RideEventType.RIDE_COMPLETED);
        Replayed fromParquet = replay(parquet);

        assertThat(fromParquet.replay.tripsValid()).isEqualTo(8);
        List<RideEvent> parquetDone = fromParquet.events(RideEventType.RIDE_COMPLETED);
        assertThat(parquetDone).hasSameSizeAs(fromCsv);
        for (int i = 0; i < fromCsv.size(); i++) {
            RideEvent a = fromCsv.get(i);
            RideEvent b = parquetDone.get(i);
            assertThat(b.getEventTime()).isEqualTo(a.getEventTime());
            assertThat(b.getPickupZoneId()).isEqualTo(a.getPickupZoneId());
            assertThat(b.getDropoffZoneId()).isEqualTo(a.getDropoffZoneId());
            assertThat(b.getFare()).isEqualTo(a.getFare());
            assertThat(b.getDistanceKm()).isEqualTo(a.getDistanceKm());
        }
    }

    /** A Parquet file typed like the TLC's: local timestamps in microseconds, integer ids, double amounts. */
    static void writeParquet(Path csv, Path parquet) throws IOException {
        Schema ts = LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        Schema schema = SchemaBuilder.record("trip")
                .fields()
                .name("VendorID")
                .type()
                .nullable()
                .intType()
                .noDefault()
                .name("tpep_pickup_datetime")
                .type()
                .optional()
                .type(ts)
                .name("tpep_dropoff_datetime")
                .type()
                .optional()
                .type(ts)
                .name("trip_distance")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("PULocationID")
                .type()
                .nullable()
                .intType()
                .noDefault()
                .name("DOLocationID")
                .type()
                .nullable()
                .intType()
                .noDefault()
                .name("payment_type")
                .type()
                .nullable()
                .longType()
                .noDefault()
                .name("fare_amount")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("extra")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("mta_tax")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("tip_amount")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("tolls_amount")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("improvement_surcharge")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("total_amount")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .name("congestion_surcharge")
                .type()
                .nullable()
                .doubleType()
                .noDefault()
                .endRecord();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = CsvLine.split(lines.get(0));
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        new LocalOutputFile(parquet))
                .withSchema(schema)
                .build()) {
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = CsvLine.split(line);
                GenericRecord rec = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    String v = f.get(header.indexOf(field.name()));
                    rec.put(
                            field.name(),
                            switch (field.name()) {
                                case "tpep_pickup_datetime", "tpep_dropoff_datetime" -> micros(v);
                                case "VendorID", "PULocationID", "DOLocationID" -> Integer.parseInt(v);
                                case "payment_type" -> Long.parseLong(v);
                                default -> Double.parseDouble(v);
                            });
                }
                writer.write(rec);
            }
        }
    }

    private static long micros(String localTime) {
        java.time.LocalDateTime t = java.time.LocalDateTime.parse(localTime.replace(' ', 'T'));
        return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L;
    }

    @Test
    void aFileThatIsNotATripFileIsAClearError(@TempDir Path dir) throws Exception {
        Path notTrips = dir.resolve("zones.csv");
        Files.writeString(notTrips, "LocationID,Borough,Zone,service_zone\n1,EWR,Newark Airport,EWR\n");
        TlcReplay replay = new TlcReplay(new RecordingSink(), "test", Progress.silent());
        assertThatThrownBy(() -> replay.replay(notTrips))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zones.csv: not a TLC trip file")
                .hasMessageContaining("tpep_pickup_datetime");
        assertThatThrownBy(() -> replay.replay(dir.resolve("trips.json")))
                .hasMessageContaining("expected a .csv or .parquet");
    }

    @Test
    void zonesArePublishedWithTheirTlcNames() throws Exception {
        Replayed r = replay();
        Zone jfk = r.sink.sent.stream()
                .filter(s -> s.key().equals("132"))
                .map(s -> (Zone) s.value())
                .findFirst()
                .orElseThrow();
        assertThat(jfk.getName()).isEqualTo("JFK Airport");
        assertThat(jfk.getServiceZone()).isEqualTo("Airports");
    }
}
