package io.mobility.batch.aggregate;

/** Names of the aggregate tables under {@code <lake>/gold/}. */
public final class AggregateTables {

    public static final String ZONE_HOUR = "agg_zone_hour";
    public static final String DRIVER_DAILY = "agg_driver_daily";
    public static final String ZONE_DAILY = "agg_zone_daily";
    public static final String CITY_DAILY = "agg_city_daily";

    private AggregateTables() {}
}
