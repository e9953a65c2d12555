package io.mobility.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON line every benchmark ends with: its name, the measured rate, the baseline rate measured in the same
 * run, and their ratio, plus whatever else the benchmark reports.
 */
public final class BenchmarkReport {

    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchmarkReport(String bench) {
        figures.put("bench", bench);
    }

    public BenchmarkReport put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Adds the measured rate, the baseline rate and their ratio under the given names. */
    public BenchmarkReport rates(String rateName, double rate, String baselineName, double baseline) {
        figures.put(rateName, round(rate));
        figures.put(baselineName, round(baseline));
        figures.put("ratio", Math.round(rate / baseline * 1000) / 1000.0);
        return this;
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        figures.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(name).append("\": ").append(value instanceof String s ? quote(s) : value);
        });
        return json.append('}').toString();
    }

    public void print() {
        System.out.println(toJson());
    }

    private static long round(double rate) {
        return Math.round(rate);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
