package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.sink.delta.StandaloneDeltaTable;
import io.mobility.sink.testing.Lakehouse;
import io.mobility.sink.testing.RideRecords;
import io.mobility.sink.testing.TaskDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink task on real Delta tables, read back by delta-spark; the worker's part is played by {@link TaskDriver}. */
class DeltaSinkTaskTest {

    private static final String TOPIC = "mobility.ride-events.raw";

    @TempDir
    Path lake;

    private Map<String, String> props(int flushRecords) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "bronze-rides");
        props.put(DeltaSinkConfig.TABLE_ROOT, lake.toString());
        props.put(DeltaSinkConfig.TABLE_OVERRIDES, TOPIC + ":bronze/ride_events");
        props.put(DeltaSinkConfig.PARTITION_MODE, "event-date");
        props.put(DeltaSinkConfig.PARTITION_FIELD, "event_time");
        props.put(DeltaSinkConfig.AUDIT_COLUMNS, "true");
        props.put(DeltaSinkConfig.FLUSH_RECORDS, Integer.toString(flushRecords));
        return props;
    }

    private String table() {
        return lake.resolve("bronze/ride_events").toString();
    }

    private static Map<TopicPartition, List<SinkRecord>> partitions(int count, int records) {
        Map<TopicPartition, List<SinkRecord>> partitions = new LinkedHashMap<>();
        for (int p = 0; p < count; p++) {
            partitions.put(new TopicPartition(TOPIC, p), RideRecords.records(TOPIC, p, 0, records));
        }
        return partitions;
    }

    @Test
    void landsEveryRecordOnceWithContractTypesDatePartitionsAndAuditColumns() {
        TaskDriver driver = new TaskDriver(new DeltaSinkTask(), props(100), partitions(2, 250), true);
        driver.deliverAll(60);
        driver.stop();

        Dataset<Row> rows = Lakehouse.table(table());
        Row summary = Lakehouse.summary(
                table(),
                "count(*)",
                "count(DISTINCT _kafka_partition, _kafka_offset)",
                "count_if(_kafka_topic = '" + TOPIC + "')",
                "count_if(_ingested_at IS NULL OR _kafka_timestamp <> event_time)",
                "count_if(event_date <> to_date(event_time))",
                "count(DISTINCT event_date)");
        assertThat(summary.getLong(0)).as("rows").isEqualTo(500);
        assertThat(summary.getLong(1)).as("distinct partition/offset").isEqualTo(500);
        assertThat(summary.getLong(2)).as("rows with the topic").isEqualTo(500);
        assertThat(summary.getLong(3)).as("rows with wrong audit times").isZero();
        assertThat(summary.getLong(4)).as("rows in the wrong date partition").isZero();
        assertThat(summary.getLong(5))
                .as("date partitions (72 hours from 08:30)")
                .isEqualTo(4);

        Map<String, String> types = Stream.of(rows.schema().fields())
                .collect(Collectors.toMap(f -> f.name(), f -> f.dataType().simpleString()));
        assertThat(types)
                .containsEntry("event_time", "timestamp")
                .containsEntry("quoted_fare", "decimal(10,2)")
                .containsEntry("event_type", "string")
                .containsEntry("vehicle_type", "string")
                .containsEntry("event_date", "date")
                .containsEntry("_kafka_offset", "bigint")
                .containsEntry("_kafka_partition", "int")
                .containsEntry("_kafka_timestamp", "timestamp");
        assertThat(types.get("fare")).startsWith("struct<base:decimal(10,2),").contains("total:decimal(10,2)");
        assertThat(types.get("pickup")).startsWith("struct<");

        Row detail = Lakehouse.sql("DESCRIBE DETAIL delta.`" + table() + "`").first();
        assertThat(detail.getList(detail.fieldIndex("partitionColumns"))).containsExactly("event_date");

        Row completed = rows.where("event_id = 'evt-5'").first();
        assertThat(completed.getStruct(completed.fieldIndex("fare")).getDecimal(6))
                .isEqualByComparingTo("65.72");
        assertThat(completed.getString(completed.fieldIndex("event_type"))).isEqualTo("RIDE_COMPLETED");
        assertThat(completed.getTimestamp(completed.fieldIndex("event_time")).toInstant())
                .isEqualTo(RideRecords.event(5).getEventTime());

        // statistics in the log: row counts add up and every file has event_time bounds for data skipping
        Dataset<Row> adds = Lakehouse.spark()
                .read()
                .json(table() + "/_delta_log/*.json")
                .where("add IS NOT NULL")
                .selectExpr("from_json(add.stats, 'numRecords BIGINT, minValues STRUCT<event_time: STRING>, "
                        + "maxValues STRUCT<event_time: STRING>') AS s");
        assertThat(adds.selectExpr("sum(s.numRecords)").first().getLong(0)).isEqualTo(500);
        assertThat(adds.where("s.minValues.event_time IS NULL OR s.maxValues.event_time IS NULL")
                        .count())
                .isZero();
    }

    @Test
    void crashBetweenParquetWriteAndCommitThenRestartStillLandsEachRecordOnce() throws IOException {
        Map<String, String> props = props(100);
        Map<TopicPartition, List<SinkRecord>> partitions = partitions(1, 300);
        DeltaSinkTask crashing = new DeltaSinkTask(config ->
                location -> new FailingCommits(TableOpener.standalone(config).open(location), 2));
        TaskDriver first = new TaskDriver(crashing, props, partitions, true);
        assertThatThrownBy(() -> first.deliverAll(50))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Injected crash");
        // the worker kills the failed task without closing it; a new one starts
        assertThat(Lakehouse.table(table()).count()).isEqualTo(100);

        TaskDriver second = new TaskDriver(new DeltaSinkTask(), props, partitions, true);
        assertThat(second.position(new TopicPartition(TOPIC, 0))).isEqualTo(100);
        second.deliverAll(50);
        second.stop();

        Row summary = Lakehouse.summary(table(), "count(*)", "count(DISTINCT _kafka_offset)");
        assertThat(summary.getLong(0)).isEqualTo(300);
        assertThat(summary.getLong(1)).isEqualTo(300);
        Set<String> inTable =
                Lakehouse.table(table()).selectExpr("input_file_name()").distinct().collectAsList().stream()
                        .map(r -> Path.of(java.net.URI.create(r.getString(0)))
                                .getFileName()
                                .toString())
                        .collect(Collectors.toSet());
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(Path.of(table()))) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".parquet"))
                    .collect(Collectors.toSet());
        }
        assertThat(onDisk).as("the crashed batch's files are orphans on disk").hasSizeGreaterThan(inTable.size());
        assertThat(onDisk).containsAll(inTable);
    }

    @Test
    void zombieTaskWritingTheSamePartitionNeverDuplicatesRows() {
        Map<TopicPartition, List<SinkRecord>> partitions = partitions(1, 200);
        TaskDriver owner = new TaskDriver(new DeltaSinkTask(), props(100), partitions, true);
        TaskDriver zombie = new TaskDriver(new DeltaSinkTask(), props(100), partitions, true);

        owner.deliver(100, 1);
        zombie.deliver(100, 1); // the same offsets: its commit must be refused, and it must skip ahead
        assertThat(zombie.position(new TopicPartition(TOPIC, 0))).isEqualTo(100);
        zombie.deliverAll(100);
        owner.deliverAll(100);
        assertThat(owner.position(new TopicPartition(TOPIC, 0))).isEqualTo(200);
        owner.stop();
        zombie.stop();

        Row summary = Lakehouse.summary(table(), "count(*)", "count(DISTINCT _kafka_offset)");
        assertThat(summary.getLong(0)).isEqualTo(200);
        assertThat(summary.getLong(1)).isEqualTo(200);
    }

    @Test
    void twoTasksWritingPartitionsOfOneTopicToOneTableRetryTheirRacingCommits() {
        Map<TopicPartition, List<SinkRecord>> all = partitions(2, 600);
        Map<String, String> props = props(30);
        CompletableFuture<?>[] tasks = all.entrySet().stream()
                .map(e -> CompletableFuture.runAsync(() -> {
                    TaskDriver driver =
                            new TaskDriver(new DeltaSinkTask(), props, Map.of(e.getKey(), e.getValue()), true);
                    driver.deliverAll(30);
                    driver.stop();
                }))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(tasks).join();

        Row summary = Lakehouse.summary(table(), "count(*)", "count(DISTINCT _kafka_partition, _kafka_offset)");
        assertThat(summary.getLong(0)).isEqualTo(1200);
        assertThat(summary.getLong(1)).isEqualTo(1200);
        StandaloneDeltaTable delta =
                new StandaloneDeltaTable(new Configuration(), table(), List.of(), Map.of(), false, 0);
        assertThat(delta.txnVersion("bronze-rides-" + TOPIC + "-0")).isEqualTo(599);
        assertThat(delta.txnVersion("bronze-rides-" + TOPIC + "-1")).isEqualTo(599);
    }

    @Test
    void sparkOptimizeRunningBesideTheSinkLosesNothingAndKeepsTheOffsets() {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        Map<TopicPartition, List<SinkRecord>> partitions = Map.of(tp, RideRecords.endless(TOPIC, 0));
        Map<String, String> props = props(40);
        props.put(DeltaSinkConfig.PARTITION_MODE, "none"); // one bin for OPTIMIZE: the race is the point, not the size
        TaskDriver driver = new TaskDriver(new DeltaSinkTask(), props, partitions, true);
        driver.deliver(40, 4); // files for OPTIMIZE to compact
        AtomicBoolean optimizeDone = new AtomicBoolean();
        CompletableFuture<Void> sink = CompletableFuture.runAsync(() -> {
            while (!optimizeDone.get()) {
                driver.deliver(40, 1);
                pause(100); // a steady trickle of commits, not a flood of them
            }
            driver.deliver(40, 2); // and a couple more commits after it
        });
        Row metrics = Lakehouse.sql("OPTIMIZE delta.`" + table() + "`").first();
        optimizeDone.set(true);
        sink.join();
        driver.stop();
        long delivered = driver.position(tp);

        assertThat(metrics.getStruct(metrics.fieldIndex("metrics")).<Long>getAs("numFilesRemoved"))
                .isPositive();
        List<String> operations = Lakehouse.sql("DESCRIBE HISTORY delta.`" + table() + "`")
                .orderBy("version")
                .select("operation")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        int optimize = operations.indexOf("OPTIMIZE");
        assertThat(operations.subList(0, optimize))
                .as("sink commits before OPTIMIZE")
                .contains("STREAMING UPDATE");
        assertThat(operations.subList(optimize + 1, operations.size()))
                .as("sink commits after it")
                .contains("STREAMING UPDATE");
        Row summary = Lakehouse.summary(table(), "count(*)", "count(DISTINCT _kafka_offset)", "max(_kafka_offset)");
        assertThat(summary.getLong(0)).isEqualTo(delivered);
        assertThat(summary.getLong(1)).isEqualTo(delivered);
        StandaloneDeltaTable delta =
                new StandaloneDeltaTable(new Configuration(), table(), List.of(), Map.of(), false, 0);
        assertThat(delta.txnVersion("bronze-rides-" + TOPIC + "-0"))
                .isEqualTo(delivered - 1)
                .isEqualTo(summary.getLong(2));
    }

    @Test
    void schemaEvolvesForANewOptionalFieldAndRefusesIncompatibleChangesThroughTheDeadLetterQueue() {
        Schema v2 = withField(RideRecords.RIDE_SCHEMA, "promo_code", Schema.OPTIONAL_STRING_SCHEMA);
        Schema retyped = retype(RideRecords.RIDE_SCHEMA, "distance_km", Schema.OPTIONAL_STRING_SCHEMA);
        Schema dropped = without(RideRecords.RIDE_SCHEMA, "rider_id");

        List<SinkRecord> records = new java.util.ArrayList<>(RideRecords.records(TOPIC, 0, 0, 100));
        for (long offset = 100; offset < 200; offset++) {
            records.add(convert(RideRecords.record(TOPIC, 0, offset), v2, "promo_code", "SPRING" + offset));
        }
        records.add(convert(RideRecords.record(TOPIC, 0, 200), retyped, "distance_km", "far"));
        records.add(convert(RideRecords.record(TOPIC, 0, 201), dropped, null, null));
        records.add(new SinkRecord(TOPIC, 0, null, null, null, Map.of("schemaless", true), 202));
        records.addAll(RideRecords.records(TOPIC, 0, 203, 250));

        TaskDriver driver =
                new TaskDriver(new DeltaSinkTask(), props(1000), Map.of(new TopicPartition(TOPIC, 0), records), true);
        driver.deliverAll(40);
        driver.stop();

        Dataset<Row> rows = Lakehouse.table(table());
        assertThat(rows.schema().apply("promo_code").nullable()).isTrue();
        Row summary = Lakehouse.summary(
                table(),
                "count(*)",
                "count_if(promo_code IS NULL)",
                "max_by(promo_code, _kafka_offset = 150)",
                "count_if(quoted_fare = 52.30)");
        assertThat(summary.getLong(0)).isEqualTo(247);
        assertThat(summary.getLong(1)).as("rows from before the new field").isEqualTo(147);
        assertThat(summary.getString(2)).isEqualTo("SPRING150");
        assertThat(summary.getLong(3)).isEqualTo(247);

        assertThat(driver.context().deadLetters())
                .extracting(SinkRecord::kafkaOffset)
                .containsExactly(200L, 201L, 202L);
        List<String> errors = driver.context().deadLetterErrors().stream()
                .map(Throwable::getMessage)
                .toList();
        assertThat(errors.get(0)).contains(TOPIC + "/0@200", "distance_km", "float64", "string", "type change");
        assertThat(errors.get(1)).contains(TOPIC + "/0@201", "rider_id", "dropped required field");
        assertThat(errors.get(2)).contains(TOPIC + "/0@202", "no struct value");
    }

    @Test
    void withoutADeadLetterQueueABadRecordFailsTheTaskNamingTheRecord() {
        Schema retyped = retype(RideRecords.RIDE_SCHEMA, "distance_km", Schema.OPTIONAL_STRING_SCHEMA);
        List<SinkRecord> records = new java.util.ArrayList<>(RideRecords.records(TOPIC, 0, 0, 10));
        records.add(convert(RideRecords.record(TOPIC, 0, 10), retyped, "distance_km", "far"));
        TaskDriver driver =
                new TaskDriver(new DeltaSinkTask(), props(1000), Map.of(new TopicPartition(TOPIC, 0), records), false);
        assertThatThrownBy(() -> driver.deliverAll(100))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC + "/0@10")
                .hasMessageContaining("distance_km");
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ record schemas as producers change them

    private static Schema withField(Schema base, String name, Schema type) {
        SchemaBuilder builder = copy(base, null, null);
        return builder.field(name, type).build();
    }

    private static Schema retype(Schema base, String name, Schema type) {
        return copy(base, name, type).build();
    }

    private static Schema without(Schema base, String name) {
        SchemaBuilder builder = SchemaBuilder.struct().name(base.name());
        base.fields().stream().filter(f -> !f.name().equals(name)).forEach(f -> builder.field(f.name(), f.schema()));
        return builder.build();
    }

    private static SchemaBuilder copy(Schema base, String retypeField, Schema retypeTo) {
        SchemaBuilder builder = SchemaBuilder.struct().name(base.name());
        for (Field f : base.fields()) {
            builder.field(f.name(), f.name().equals(retypeField) ? retypeTo : f.schema());
        }
        return builder;
    }

    private static SinkRecord convert(SinkRecord record, Schema schema, String setField, Object setValue) {
        Struct source = (Struct) record.value();
        Struct value = new Struct(schema);
        for (Field f : schema.fields()) {
            if (f.name().equals(setField)) {
                value.put(f, setValue);
            } else if (source.schema().field(f.name()) != null) {
                value.put(f, source.get(f.name()));
            }
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), null, null, schema, value, record.timestamp());
    }
}
