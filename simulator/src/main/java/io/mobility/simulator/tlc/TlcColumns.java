package io.mobility.simulator.tlc;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TLC's column names, official (yellow {@code tpep_*}, green {@code lpep_*}, {@code PULocationID}, ...) and the
 * snake_case variant some redistributions use ({@code pickup_datetime}, {@code pickup_location_id}, ...), mapped to
 * one field each. Matching ignores case.
 */
public enum TlcColumns {
    VENDOR("vendorid", "vendor_id"),
    PICKUP("tpep_pickup_datetime", "lpep_pickup_datetime", "pickup_datetime"),
    DROPOFF("tpep_dropoff_datetime", "lpep_dropoff_datetime", "dropoff_datetime"),
    PICKUP_ZONE("pulocationid", "pickup_location_id"),
    DROPOFF_ZONE("dolocationid", "dropoff_location_id"),
    DISTANCE("trip_distance"),
    PAYMENT("payment_type"),
    FARE("fare_amount"),
    EXTRA("extra"),
    MTA_TAX("mta_tax"),
    TIP("tip_amount"),
    TOLLS("tolls_amount"),
    IMPROVEMENT("improvement_surcharge"),
    TOTAL("total_amount"),
    CONGESTION("congestion_surcharge"),
    AIRPORT_FEE("airport_fee"),
    EHAIL_FEE("ehail_fee"),
    CBD_FEE("cbd_congestion_fee");

    /** Columns every trip file must have. */
    public static final List<TlcColumns> REQUIRED =
            List.of(PICKUP, DROPOFF, PICKUP_ZONE, DROPOFF_ZONE, FARE, TIP, TOLLS, TOTAL);
    /** Charges that are neither the metered fare, tip nor tolls; they go into the fare's base with the meter. */
    public static final List<TlcColumns> OTHER_CHARGES =
            List.of(EXTRA, MTA_TAX, IMPROVEMENT, CONGESTION, AIRPORT_FEE, EHAIL_FEE, CBD_FEE);

    private final List<String> names;

    TlcColumns(String... names) {
        this.names = List.of(names);
    }

    /** Index of each known column in {@code header}; unknown columns are ignored. */
    public static Map<TlcColumns, Integer> locate(List<String> header, String source) {
        Map<TlcColumns, Integer> found = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            for (TlcColumns c : values()) {
                if (c.names.contains(name)) {
                    found.putIfAbsent(c, i);
                }
            }
        }
        for (TlcColumns c : REQUIRED) {
            if (!found.containsKey(c)) {
                throw new IllegalArgumentException(
                        source + ": not a TLC trip file, no column " + c.names + " in header " + header);
            }
        }
        return found;
    }

    /** Yellow or green, from the pickup column's prefix; snake_case files say it in their name. */
    public static TlcTrip.TaxiColor color(List<String> header, String fileName) {
        for (String h : header) {
            String name = h.trim().toLowerCase(Locale.ROOT);
            if (name.startsWith("lpep_")) {
                return TlcTrip.TaxiColor.GREEN;
            }
            if (name.startsWith("tpep_")) {
                return TlcTrip.TaxiColor.YELLOW;
            }
        }
        return fileName.toLowerCase(Locale.ROOT).contains("green") ? TlcTrip.TaxiColor.GREEN : TlcTrip.TaxiColor.YELLOW;
    }
}
