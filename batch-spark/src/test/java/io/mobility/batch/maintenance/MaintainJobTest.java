package io.mobility.batch.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.mobility.batch.BatchOptions;
import io.mobility.batch.fixture.TestSpark;
import io.mobility.batch.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class MaintainJobTest {

    @Test
    void compactsSmallFilesAndVacuumsTheOldOnesWithoutChangingData() throws Exception {
        SparkSession spark = TestSpark.session();
        Lake lake = Lake.at(TestSpark.newLake("maintain").toString());
        String silver = lake.silver("ride_events");
        for (int i = 0; i < 4; i++) {
            spark.range(i * 100, (i + 1) * 100)
                    .toDF("id")
                    .coalesce(1)
                    .write()
                    .format("delta")
                    .mode("append")
                    .save(silver);
        }
        List<Long> before = ids(spark, silver);

        new MaintainJob()
                .run(
                        spark,
                        lake,
                        BatchOptions.parse(List.of("--retain-hours", "0", "--allow-short-retention", "true")));

        assertThat(numFiles(spark, silver)).isEqualTo(1);
        assertThat(ids(spark, silver)).isEqualTo(before);
        assertThat(parquetFilesOnDisk(Path.of(silver))).as("old files vacuumed").isEqualTo(1);
    }

    @Test
    void refusesARetentionBelowDeltasSafetyLimit() {
        SparkSession spark = TestSpark.session();
        Lake lake = Lake.at(TestSpark.newLake("maintain-unsafe").toString());
        assertThatThrownBy(
                        () -> new MaintainJob().run(spark, lake, BatchOptions.parse(List.of("--retain-hours", "24"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--retain-hours 24 is below Delta's safety limit of 168 hours");
    }

    private static long numFiles(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path)
                .detail()
                .select("numFiles")
                .head()
                .getLong(0);
    }

    private static List<Long> ids(SparkSession spark, String path) {
        return spark.read().format("delta").load(path).orderBy("id").collectAsList().stream()
                .map(r -> r.getLong(0))
                .toList();
    }

    private static long parquetFilesOnDisk(Path table) throws Exception {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(p ->
                            p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .count();
        }
    }
}
