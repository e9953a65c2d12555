package io.mobility.batch.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** dim_date (one row per calendar date the facts touch) and dim_time (the 24 hours of a day). */
public final class CalendarDimensions {

    private CalendarDimensions() {}

    /** Date rows for the given distinct {@code date} column (type date). */
    public static Dataset<Row> dates(Dataset<Row> distinctDates) {
        Column d = col("date");
        // weekday(): 0 = Monday; ISO numbers Monday 1 .. Sunday 7.
        Column isoDay = expr("weekday(date)").plus(1);
        return distinctDates
                .where(d.isNotNull())
                .distinct()
                .select(
                        date_format(d, "yyyyMMdd").cast("int").as("date_key"),
                        d.as("date"),
                        year(d).as("year"),
                        quarter(d).as("quarter"),
                        month(d).as("month"),
                        date_format(d, "MMMM").as("month_name"),
                        dayofmonth(d).as("day_of_month"),
                        isoDay.as("day_of_week"),
                        date_format(d, "EEEE").as("day_name"),
                        isoDay.geq(6).as("is_weekend"));
    }

    public static Dataset<Row> hours(SparkSession spark) {
        Column h = col("id").cast("int");
        return spark.range(24)
                .select(
                        h.as("hour_key"),
                        h.as("hour"),
                        functionsLabel(h).as("label"),
                        when(h.lt(6), lit("night"))
                                .when(h.lt(12), lit("morning"))
                                .when(h.lt(18), lit("afternoon"))
                                .otherwise(lit("evening"))
                                .as("day_part"),
                        h.between(7, 9).or(h.between(16, 19)).as("is_peak"));
    }

    private static Column functionsLabel(Column hour) {
        return org.apache.spark.sql.functions.format_string(
                "%02d:00-%02d:00", hour, hour.plus(1).mod(24));
    }
}
