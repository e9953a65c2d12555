package io.mobility.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON line every benchmark ends with: its name, the measured rate, the baseline rate measured in the same
 * run, and their ratio, plus whatever else the benchmark reports (numbers, strings, nested maps and lists). Figures
 * keep the order they were put in; a NaN or infinite figure is written as null, so the line always parses.
 */
public final class BenchmarkReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchmarkReport(String bench) {
        figures.put("bench", bench);
    }

    public BenchmarkReport put(String name, Object value) {
        figures.put(name, value instanceof Double d && !Double.isFinite(d) ? null : value);
        return this;
    }

    /** Adds the measured rate, the baseline rate (both whole numbers) and their ratio under the given names. */
    public BenchmarkReport rates(String rateName, double rate, String baselineName, double baseline) {
        figures.put(rateName, Math.round(rate));
        figures.put(baselineName, Math.round(baseline));
        figures.put("ratio", round(rate / baseline, 3));
        return this;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A benchmark figure cannot be written as JSON: " + figures, e);
        }
    }

    /** Prints the JSON line on stdout: the benchmark's last line there. */
    public void print() {
        System.out.println(toJson());
        System.out.flush();
    }

    /** {@code value} rounded to {@code decimals} places, for figures whose noise makes more digits meaningless. */
    public static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A rate for progress lines: "1,234,567". */
    public static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
