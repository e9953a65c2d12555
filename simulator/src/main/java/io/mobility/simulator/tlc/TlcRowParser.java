package io.mobility.simulator.tlc;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns one row's raw values into a {@link TlcTrip}. Shared by the CSV and Parquet readers: both hand it the row as
 * text (Parquet timestamps already rendered as local date-times).
 */
final class TlcRowParser {

    /** The TLC's CSV timestamp format; ISO (with a T) is accepted too. */
    private static final DateTimeFormatter TLC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<TlcColumns, Integer> columns;
    private final TlcTrip.TaxiColor color;
    private final String source;

    TlcRowParser(Map<TlcColumns, Integer> columns, TlcTrip.TaxiColor color, String source) {
        this.columns = columns;
        this.color = color;
        this.source = source;
    }

    TlcTrip parse(long row, IntFunction<String> value) throws MalformedRowException {
        String where = source + " row " + row;
        BigDecimal other = BigDecimal.ZERO.setScale(2);
        for (TlcColumns c : TlcColumns.OTHER_CHARGES) {
            BigDecimal v = money(where, c, value, true);
            if (v != null) {
                other = other.add(v);
            }
        }
        String payment = text(c(TlcColumns.PAYMENT), value);
        String distance = text(c(TlcColumns.DISTANCE), value);
        return new TlcTrip(
                source,
                row,
                color,
                text(c(TlcColumns.VENDOR), value),
                time(where, TlcColumns.PICKUP, value),
                time(where, TlcColumns.DROPOFF, value),
                zone(where, TlcColumns.PICKUP_ZONE, value),
                zone(where, TlcColumns.DROPOFF_ZONE, value),
                distance == null ? null : number(where, TlcColumns.DISTANCE, distance),
                payment == null ? null : (int) number(where, TlcColumns.PAYMENT, payment),
                money(where, TlcColumns.FARE, value, false),
                other,
                money(where, TlcColumns.TIP, value, false),
                money(where, TlcColumns.TOLLS, value, false),
                money(where, TlcColumns.TOTAL, value, false));
    }

    private Integer c(TlcColumns column) {
        return columns.get(column);
    }

    private static String text(Integer index, IntFunction<String> value) {
        if (index == null) {
            return null;
        }
        String v = value.apply(index);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private LocalDateTime time(String where, TlcColumns column, IntFunction<String> value)
            throws MalformedRowException {
        String v = text(c(column), value);
        if (v == null) {
            throw new MalformedRowException(where, column.name().toLowerCase(), "empty timestamp");
        }
        try {
            return v.indexOf('T') > 0 ? LocalDateTime.parse(v) : LocalDateTime.parse(v, TLC_TIME);
        } catch (DateTimeParseException e) {
            throw new MalformedRowException(
                    where, column.name().toLowerCase(), "'" + v + "' is not a timestamp like 2019-01-15 03:36:12");
        }
    }

    private String zone(String where, TlcColumns column, IntFunction<String> value) throws MalformedRowException {
        String v = text(c(column), value);
        if (v == null) {
            return "";
        }
        try {
            // Parquet and some CSV exports write ids as 132.0
            return Long.toString((long) Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new MalformedRowException(where, column.name().toLowerCase(), "'" + v + "' is not a location id");
        }
    }

    private BigDecimal money(String where, TlcColumns column, IntFunction<String> value, boolean optional)
            throws MalformedRowException {
        String v = text(c(column), value);
        if (v == null) {
            if (optional) {
                return null;
            }
            throw new MalformedRowException(where, column.name().toLowerCase(), "empty amount");
        }
        try {
            return new BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new MalformedRowException(where, column.name().toLowerCase(), "'" + v + "' is not an amount");
        }
    }

    private static double number(String where, TlcColumns column, String v) throws MalformedRowException {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new MalformedRowException(where, column.name().toLowerCase(), "'" + v + "' is not a number");
        }
    }
}
