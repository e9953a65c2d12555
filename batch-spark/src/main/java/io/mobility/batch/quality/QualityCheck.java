package io.mobility.batch.quality;

/** The outcome of one data quality check: how many rows it looked at and how many broke the rule. */
public record QualityCheck(String name, String table, long checkedRows, long failedRows, String rule) {

    public boolean passed() {
        return failedRows == 0;
    }

    public String describe() {
        return String.format(
                "check '%s' on %s %s: %,d of %,d rows break the rule (%s)",
                name, table, passed() ? "passed" : "FAILED", failedRows, checkedRows, rule);
    }
}
