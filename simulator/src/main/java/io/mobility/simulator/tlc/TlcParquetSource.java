package io.mobility.simulator.tlc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * A TLC trip Parquet file, as the TLC publishes them since 2022. Its timestamps are New York wall-clock times stored
 * as plain (or "UTC-adjusted") INT64 micro- or milliseconds: either way the stored value, read as UTC, is the local
 * time. Values go to the same row parser as CSV, as text.
 */
public final class TlcParquetSource implements TripSource {

    private final Path file;
    private final ParquetReader<GenericRecord> reader;

    public TlcParquetSource(Path file) throws IOException {
        this.file = file;
        this.reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .build();
    }

    @Override
    public void forEach(Visitor visitor) throws IOException {
        String name = file.getFileName().toString();
        GenericRecord record = reader.read();
        if (record == null) {
            return;
        }
        List<Schema.Field> fields = record.getSchema().getFields();
        List<String> header = new ArrayList<>();
        fields.forEach(f -> header.add(f.name()));
        TlcRowParser parser = new TlcRowParser(TlcColumns.locate(header, name), TlcColumns.color(header, name), name);
        long row = 0;
        while (record != null) {
            row++;
            GenericRecord current = record;
            try {
                visitor.trip(parser.parse(
                        row, i -> render(current.get(i), fields.get(i).schema())));
            } catch (MalformedRowException e) {
                visitor.malformed(e);
            }
            record = reader.read();
        }
    }

    static String render(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
        }
        if (value instanceof LocalDateTime local) {
            return local.toString();
        }
        if (value instanceof Long epoch) {
            LogicalType type = nonNull(schema).getLogicalType();
            String name = type == null ? "" : type.getName();
            if (name.endsWith("timestamp-micros")) {
                return LocalDateTime.ofEpochSecond(
                                Math.floorDiv(epoch, 1_000_000L),
                                (int) Math.floorMod(epoch, 1_000_000L) * 1000,
                                ZoneOffset.UTC)
                        .toString();
            }
            if (name.endsWith("timestamp-millis")) {
                return LocalDateTime.ofEpochSecond(
                                Math.floorDiv(epoch, 1000L),
                                (int) Math.floorMod(epoch, 1000L) * 1_000_000,
                                ZoneOffset.UTC)
                        .toString();
            }
        }
        return value.toString();
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema s : schema.getTypes()) {
                if (s.getType() != Schema.Type.NULL) {
                    return s;
                }
            }
        }
        return schema;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
