package io.mobility.simulator.city;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLC taxi zone lookup ({@code LocationID,Borough,Zone,service_zone}), shipped as a resource. Rows whose borough
 * is "Unknown" (264 and 265) are the TLC's placeholders for "no zone recorded": they are kept here so that trips can
 * name them, but they are not real zones and are never published as reference data.
 */
public final class ZoneLookup {

    public static final String RESOURCE = "/taxi_zone_lookup.csv";

    /** One row of the lookup. */
    public record Row(String locationId, String borough, String zone, String serviceZone) {
        public boolean known() {
            return !"Unknown".equalsIgnoreCase(borough);
        }
    }

    private final List<Row> rows;

    private ZoneLookup(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static ZoneLookup bundled() {
        try (InputStream in = ZoneLookup.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ZoneLookup read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.replace("\"", "").startsWith("LocationID,Borough,Zone,service_zone")) {
            throw new IllegalArgumentException("not a TLC zone lookup: header is '" + header + "'");
        }
        List<Row> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = CsvLine.split(line);
            if (f.size() < 4) {
                throw new IllegalArgumentException(
                        "zone lookup line " + lineNo + ": expected 4 fields, got " + f.size());
            }
            rows.add(new Row(
                    f.get(0).trim(), f.get(1).trim(), f.get(2).trim(), f.get(3).trim()));
        }
        return new ZoneLookup(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Row> knownRows() {
        return rows.stream().filter(Row::known).toList();
    }

    public Optional<Row> find(String locationId) {
        return rows.stream().filter(r -> r.locationId().equals(locationId)).findFirst();
    }
}
