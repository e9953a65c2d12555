package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Surrogate keys derived from natural keys by hashing, so that every run (and every rerun) assigns the same key
 * without a key-allocation table; the quality gate checks they stay unique. Date and hour keys are readable:
 * 20250131 and 0..23.
 */
public final class SurrogateKeys {

    /** Natural key of the "unknown" member each dimension carries, for facts without that reference. */
    public static final String UNKNOWN = "UNKNOWN";

    private SurrogateKeys() {}

    public static Column of(Column naturalKey) {
        return xxhash64(coalesce(naturalKey, lit(UNKNOWN)));
    }

    /** A version of an SCD2 row: natural key plus the instant it became valid. */
    public static Column ofVersion(Column naturalKey, Column validFrom) {
        return xxhash64(naturalKey, validFrom);
    }

    public static Column dateKey(Column timestamp) {
        return date_format(timestamp, "yyyyMMdd").cast("int");
    }

    public static Column hourKey(Column timestamp) {
        return hour(timestamp);
    }
}
