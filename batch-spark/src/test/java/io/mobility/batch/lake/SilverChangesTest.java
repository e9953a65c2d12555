package io.mobility.batch.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.mobility.batch.fixture.TestSpark;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SilverChangesTest {

    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType);

    @Test
    void readsOnlyRowsAppendedSinceAVersionEvenAfterCompaction() {
        SparkSession spark = TestSpark.session();
        String path = Lake.at(TestSpark.newLake("changes").toString()).silver("rides");
        spark.range(0, 3).toDF("id").write().format("delta").save(path);
        long first = DeltaPaths.currentVersion(spark, path);
        spark.range(3, 5).toDF("id").write().format("delta").mode("append").save(path);
        spark.range(5, 6).toDF("id").write().format("delta").mode("append").save(path);
        // OPTIMIZE rewrites every row into a new file (dataChange=false): those are not new rows.
        DeltaTable.forPath(spark, path).optimize().executeCompaction();

        SilverChanges changes = new SilverChanges(spark);
        SilverChanges.Batch batch = changes.since(path, SCHEMA, Optional.of(first));
        assertThat(ids(batch)).containsExactly(3L, 4L, 5L);
        assertThat(batch.wholeTable()).isFalse();
        assertThat(batch.toVersion()).contains(DeltaPaths.currentVersion(spark, path));

        assertThat(ids(changes.since(path, SCHEMA, batch.toVersion()))).isEmpty();
        assertThat(ids(changes.since(path, SCHEMA, Optional.empty()))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(changes.since(path + "-absent", SCHEMA, Optional.empty())
                        .rows()
                        .count())
                .isZero();
    }

    private static List<Long> ids(SilverChanges.Batch batch) {
        return batch.rows().orderBy("id").collectAsList().stream()
                .map(r -> r.getLong(0))
                .toList();
    }
}
