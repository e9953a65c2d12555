package io.mobility.sink.delta;

import io.mobility.sink.table.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** One Parquet data file written with parquet-avro, with the Delta statistics of what went in. */
final class ParquetDataFileWriter implements DeltaTable.DataFileWriter {

    private final Configuration conf;
    private final Path file;
    private final String relativePath;
    private final Map<String, String> partitionValues;
    private final ParquetRows rows;
    private final FileStatistics statistics;
    private final ParquetWriter<GenericRecord> writer;

    ParquetDataFileWriter(
            Configuration conf,
            Path file,
            String relativePath,
            Schema fileSchema,
            Map<String, String> partitionValues) {
        this.conf = conf;
        this.file = file;
        this.relativePath = relativePath;
        this.partitionValues = partitionValues;
        this.rows = new ParquetRows(fileSchema);
        this.statistics = new FileStatistics(fileSchema);
        try {
            this.writer = AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file, conf))
                    .withSchema(rows.avroSchema())
                    .withDataModel(GenericData.get())
                    .withConf(conf)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .build();
        } catch (IOException e) {
            throw new ConnectException("Cannot create data file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Row row) {
        Object[] values = rows.values(row);
        GenericData.Record record = rows.toAvro(values); // converts fully first: a bad row leaves the file untouched
        try {
            writer.write(record);
        } catch (IOException e) {
            throw new ConnectException("Cannot write to data file " + file + ": " + e.getMessage(), e);
        }
        statistics.add(values);
    }

    @Override
    public long bytes() {
        return writer.getDataSize();
    }

    @Override
    public long records() {
        return statistics.records();
    }

    @Override
    public DataFile close() {
        try {
            writer.close();
            FileStatus status = file.getFileSystem(conf).getFileStatus(file);
            return new DataFile(
                    relativePath,
                    partitionValues,
                    status.getLen(),
                    status.getModificationTime(),
                    statistics.records(),
                    statistics.toJson());
        } catch (IOException e) {
            throw new ConnectException("Cannot finish data file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            FileSystem fs = file.getFileSystem(conf);
            fs.delete(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete abandoned data file " + file, e);
        }
    }
}
