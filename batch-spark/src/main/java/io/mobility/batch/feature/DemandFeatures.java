package io.mobility.batch.feature;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.mobility.events.UsHolidays;
import io.mobility.events.zone.ZoneType;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The demand model's features for every row of a zone x hour grid. Each row's features use only rows of strictly
 * earlier hours of the same zone (window frames end at -1 hour) plus the calendar of its own hour, which is known in
 * advance: no feature can see the hour it predicts. Frames are ranges over epoch hours, so a missing grid row gives a
 * missing value rather than a shifted one, and a rolling mean is missing unless every hour of its window is known.
 */
public final class DemandFeatures {

    /** The feature vector, in order; metadata.json and the snapshot list them the same way. */
    public static final List<String> NAMES = List.of(
            "hour_of_day",
            "day_of_week",
            "is_weekend",
            "month",
            "is_holiday",
            "lag_1h",
            "lag_2h",
            "lag_24h",
            "lag_168h",
            "mean_3h",
            "mean_24h",
            "mean_168h",
            "mean_same_hour_7d",
            "level_ratio_3h",
            "profile_forecast",
            "available_drivers_lag_1h",
            "available_drivers_mean_24h",
            "demand_supply_ratio_lag_1h",
            "zone_type_code");

    /** Features computed from the hour being predicted, by the service too (docs/model-format.md). */
    public static final List<String> CALENDAR = List.of("hour_of_day", "day_of_week", "is_weekend", "month");

    // A generous span of years: the list is tiny, and it saves a pass over the data to find the range.
    private static final Object[] HOLIDAYS =
            UsHolidays.between(2000, 2100).stream().map(Date::valueOf).toArray();

    private DemandFeatures() {}

    /**
     * @param grid {@code zone_id}, {@code hour_start}, {@code requests} (null = not observed),
     *             {@code available_drivers} (null = unknown) and {@code zone_type} (a {@link ZoneType} name)
     * @return {@code zone_id}, {@code hour_start}, {@code date}, {@code requests} and one DOUBLE column per feature
     */
    public static Dataset<Row> compute(Dataset<Row> grid) {
        WindowSpec byHour = Window.partitionBy("zone_id").orderBy(col("epoch_hour"));
        Dataset<Row> g = grid.withColumn(
                "epoch_hour", unix_seconds(col("hour_start")).divide(3600).cast("long"));
        Column isoDay = dayofweek(col("hour_start")).plus(5).mod(7).plus(1);
        // Step 1: every distinct window value once (one sort per zone partition; each lag computed a single time
        // although the same-hour and level features reuse them), step 2: plain arithmetic over those columns.
        List<Column> windowed =
                new ArrayList<>(List.of(col("zone_id"), col("hour_start"), col("requests"), col("zone_type")));
        Set<Integer> lags = new TreeSet<>(List.of(1, 2, 24, 168));
        for (int d = 1; d <= 7; d++) {
            lags.add(24 * d);
            for (int k = 1; k <= 3; k++) {
                lags.add(24 * d + k);
            }
        }
        lags.forEach(k -> windowed.add(lag(byHour, "requests", k).as(lagName(k))));
        windowed.add(mean(byHour, "requests", 3).as("mean_3h"));
        windowed.add(mean(byHour, "requests", 24).as("mean_24h"));
        windowed.add(mean(byHour, "requests", 168).as("mean_168h"));
        windowed.add(lag(byHour, "available_drivers", 1).as("available_drivers_lag_1h"));
        windowed.add(mean(byHour, "available_drivers", 24).as("available_drivers_mean_24h"));
        Dataset<Row> w = g.select(windowed.toArray(Column[]::new));
        return w.select(
                col("zone_id"),
                col("hour_start"),
                to_date(col("hour_start")).as("date"),
                col("requests").cast("double").as("requests"),
                hour(col("hour_start")).cast("double").as("hour_of_day"),
                isoDay.cast("double").as("day_of_week"),
                when(isoDay.geq(6), 1.0).otherwise(0.0).as("is_weekend"),
                month(col("hour_start")).cast("double").as("month"),
                when(to_date(col("hour_start")).isin(HOLIDAYS), 1.0)
                        .otherwise(0.0)
                        .as("is_holiday"),
                col(lagName(1)).as("lag_1h"),
                col(lagName(2)).as("lag_2h"),
                col(lagName(24)).as("lag_24h"),
                col(lagName(168)).as("lag_168h"),
                col("mean_3h"),
                col("mean_24h"),
                col("mean_168h"),
                sameHourMean(7).as("mean_same_hour_7d"),
                levelRatio().as("level_ratio_3h"),
                sameHourMean(7).multiply(levelRatio()).as("profile_forecast"),
                col("available_drivers_lag_1h"),
                col("available_drivers_mean_24h"),
                col(lagName(1))
                        .divide(greatestOne(col("available_drivers_lag_1h")))
                        .as("demand_supply_ratio_lag_1h"),
                zoneTypeCode(col("zone_type")).as("zone_type_code"));
    }

    private static String lagName(int hours) {
        return "requests_lag_" + hours;
    }

    /** The value {@code hours} hours earlier, or null if that hour is not in the grid or not observed. */
    private static Column lag(WindowSpec byHour, String column, int hours) {
        return first(col(column)).over(byHour.rangeBetween(-hours, -hours)).cast("double");
    }

    /** The mean of the {@code hours} hours before this one, or null unless all of them are known. */
    private static Column mean(WindowSpec byHour, String column, int hours) {
        WindowSpec frame = byHour.rangeBetween(-hours, -1);
        return when(
                        count(col(column)).over(frame).equalTo(hours),
                        avg(col(column)).over(frame))
                .cast("double");
    }

    /**
     * The mean of the same hour on each of the previous {@code days} days (lags 24 h, 48 h, ...): the zone's daily
     * profile with a seventh of a single lag's noise. Missing unless every one of those hours is known.
     */
    private static Column sameHourMean(int days) {
        Column sum = lit(0.0);
        for (int d = 1; d <= days; d++) {
            sum = sum.plus(col(lagName(24 * d)));
        }
        return sum.divide(days);
    }

    /**
     * Today's level against the week's: the mean of the last 3 hours over the mean of the same 3 hours on each of the
     * previous 7 days (at least 1). It carries what the calendar cannot know — the day's weather, an ongoing event.
     */
    private static Column levelRatio() {
        Column sameHours = lit(0.0);
        for (int d = 1; d <= 7; d++) {
            for (int k = 1; k <= 3; k++) {
                sameHours = sameHours.plus(col(lagName(24 * d + k)));
            }
        }
        return col("mean_3h").divide(greatestOne(sameHours.divide(21)));
    }

    private static Column greatestOne(Column c) {
        return when(c.isNull(), lit(null)).when(c.lt(1.0), lit(1.0)).otherwise(c);
    }

    /** The zone type as its Avro symbol's ordinal (UNKNOWN 0, BUSINESS 1, ...); null for an unknown name. */
    static Column zoneTypeCode(Column zoneType) {
        Column code = lit(null).cast("double");
        ZoneType[] types = ZoneType.values();
        for (int i = types.length - 1; i >= 0; i--) {
            code = when(zoneType.equalTo(types[i].name()), (double) types[i].ordinal())
                    .otherwise(code);
        }
        return code;
    }
}
