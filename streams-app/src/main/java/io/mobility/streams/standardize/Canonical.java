package io.mobility.streams.standardize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Canonical forms of the values every event carries, so that equal things compare equal downstream. */
public final class Canonical {

    private Canonical() {}

    /** Ids without surrounding blanks; a blank id is no id. */
    public static String id(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip(); // returns raw itself when there is nothing to strip
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** TLC zone ids are LocationIDs: "007" and " 7" are zone "7". */
    public static String zoneId(String raw) {
        String id = id(raw);
        if (id == null || id.charAt(0) != '0' || !allDigits(id)) {
            return id;
        }
        int first = 0;
        while (first < id.length() - 1 && id.charAt(first) == '0') {
            first++;
        }
        return id.substring(first);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Money at scale 2, rounding half-even like the ledger does. */
    public static BigDecimal money(BigDecimal raw) {
        return raw == null || raw.scale() == 2 ? raw : raw.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** ISO 4217 codes are upper case; a missing one is the contract's default, USD. */
    public static String currency(String raw) {
        String id = id(raw);
        return id == null ? "USD" : id.toUpperCase(Locale.ROOT);
    }
}
