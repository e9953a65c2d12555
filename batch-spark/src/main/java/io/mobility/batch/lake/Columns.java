package io.mobility.batch.lake;

import java.util.Arrays;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Column-name lists in the Scala form some Dataset methods (join using columns) take. */
public final class Columns {

    private Columns() {}

    public static Seq<String> seq(String... names) {
        return CollectionConverters.asScala(Arrays.asList(names)).toSeq();
    }

    public static org.apache.spark.sql.Column[] cols(String... names) {
        return Arrays.stream(names)
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
    }
}
