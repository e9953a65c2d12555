package io.mobility.simulator.tlc;

import io.mobility.simulator.city.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A TLC trip CSV (official or snake_case column names). */
public final class TlcCsvSource implements TripSource {

    private final Path file;
    private final BufferedReader reader;

    public TlcCsvSource(Path file) throws IOException {
        this.file = file;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    @Override
    public void forEach(Visitor visitor) throws IOException {
        String name = file.getFileName().toString();
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new IllegalArgumentException(name + ": empty file, expected a TLC CSV header");
        }
        List<String> header = CsvLine.split(headerLine.replace("\uFEFF", ""));
        TlcRowParser parser = new TlcRowParser(TlcColumns.locate(header, name), TlcColumns.color(header, name), name);
        String line;
        long row = 0;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            row++;
            List<String> fields = CsvLine.split(line);
            try {
                visitor.trip(parser.parse(row, i -> i < fields.size() ? fields.get(i) : null));
            } catch (MalformedRowException e) {
                visitor.malformed(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
