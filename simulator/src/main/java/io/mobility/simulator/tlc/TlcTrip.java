package io.mobility.simulator.tlc;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One TLC trip record as published, times in New York local time. Money columns a file lacks (older years have no
 * congestion or airport fee) are zero; null means the column was present but empty.
 *
 * @param source file name the record came from
 * @param row 1-based data row number in that file (the header is row 0)
 * @param otherCharges extra, mta_tax, improvement_surcharge, congestion_surcharge, airport_fee, ehail_fee and
 *                     cbd_congestion_fee added up
 */
public record TlcTrip(
        String source,
        long row,
        TaxiColor color,
        String vendorId,
        LocalDateTime pickup,
        LocalDateTime dropoff,
        String pickupLocationId,
        String dropoffLocationId,
        Double tripDistanceMiles,
        Integer paymentType,
        BigDecimal fareAmount,
        BigDecimal otherCharges,
        BigDecimal tipAmount,
        BigDecimal tollsAmount,
        BigDecimal totalAmount) {

    public enum TaxiColor {
        YELLOW,
        GREEN
    }

    /** Where the record is, for messages: {@code file.csv row 17}. */
    public String where() {
        return source + " row " + row;
    }
}
