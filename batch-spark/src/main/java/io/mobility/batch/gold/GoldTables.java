package io.mobility.batch.gold;

/** Names of the gold star schema's tables under {@code <lake>/gold/}. */
public final class GoldTables {

    public static final String DIM_DATE = "dim_date";
    public static final String DIM_TIME = "dim_time";
    public static final String DIM_ZONE = "dim_zone";
    public static final String DIM_DRIVER = "dim_driver";
    public static final String DIM_RIDER = "dim_rider";
    public static final String DIM_PAYMENT_METHOD = "dim_payment_method";
    public static final String DIM_VEHICLE_TYPE = "dim_vehicle_type";
    public static final String FACT_RIDE = "fact_ride";
    public static final String FACT_DRIVER_ACTIVITY = "fact_driver_activity";
    public static final String FACT_ZONE_SUPPLY = "fact_zone_supply";
    public static final String QUALITY_CHECKS = "quality_checks";

    private GoldTables() {}
}
