package io.mobility.streams.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 (the Java client has a writer, no parser): every line a
 * {@code # HELP}, {@code # TYPE} or a sample with classic names and labels and a float value; a family's TYPE once
 * and before its samples, its samples together, each series once, a counter named {@code <name>_total}.
 * What Prometheus would refuse to ingest fails here with the line that is wrong.
 */
public final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    /** name="value", the value's backslash, quote and line feed escaped. */
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** Series (name and labels, sorted) to value, in the order of the text. */
    private final Map<Series, Double> samples = new LinkedHashMap<>();

    private final Map<String, String> types = new HashMap<>();

    private PrometheusText() {}

    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        PrometheusText parsed = new PrometheusText();
        Set<String> helped = new HashSet<>();
        Set<String> closedFamilies = new HashSet<>();
        Set<String> sampled = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int number = 1; number < lines.length; number++) { // the last is the empty one after the final line feed
            String line = lines[number - 1];
            String where = "line " + number + " '" + line + "': ";
            Matcher m;
            String family;
            if ((m = HELP.matcher(line)).matches()) {
                family = m.group(1);
                require(helped.add(family), where + "a second HELP for " + family);
            } else if ((m = TYPE.matcher(line)).matches()) {
                String typed = m.group(1);
                String type = m.group(2);
                require(parsed.types.putIfAbsent(typed, type) == null, where + "a second TYPE for " + typed);
                require(!sampled.contains(typed), where + "TYPE after samples of " + typed);
                family = typed;
            } else if (line.startsWith("#")) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                family = parsed.familyOfSample(name);
                double value = value(m.group(4), where);
                Map<String, String> labels = labels(m.group(3), where);
                require(parsed.samples.put(new Series(name, labels), value) == null, where + "a series seen before");
                sampled.add(family);
                if ("counter".equals(parsed.types.get(family))) {
                    require(family.endsWith("_total"), where + "a counter not named <name>_total");
                }
            } else {
                throw new IllegalArgumentException(where + "neither HELP, TYPE nor a sample");
            }
            if (!family.equals(current)) {
                require(
                        !closedFamilies.contains(family),
                        "line " + number + ": " + family + " comes back after " + current
                                + " (a family's lines must be together)");
                if (current != null) {
                    closedFamilies.add(current);
                }
                current = family;
            }
        }
        return parsed;
    }

    /** The value of the series {@code name} with exactly {@code labels}, or null. */
    public Double value(String name, Map<String, String> labels) {
        return samples.get(new Series(name, labels));
    }

    /** The sum of every series {@code name} whose labels include {@code having}; null if there is none. */
    public Double sum(String name, Map<String, String> having) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().name.equals(name)
                        && e.getKey().labels.entrySet().containsAll(having.entrySet()))
                .map(Map.Entry::getValue)
                .reduce(Double::sum)
                .orElse(null);
    }

    /** Every series' name and labels. */
    public Set<Series> series() {
        return samples.keySet();
    }

    /** The TYPE of {@code family}, or null. */
    public String type(String family) {
        return types.get(family);
    }

    public record Series(String name, Map<String, String> labels) {
        public Series {
            labels = new TreeMap<>(labels);
        }
    }

    private String familyOfSample(String name) {
        if (types.containsKey(name)) {
            return name; // in format 0.0.4 a counter's TYPE names its samples, _total included
        }
        for (String suffix : new String[] {"_sum", "_count", "_bucket"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if (type != null && !type.equals("gauge") && !type.equals("untyped")) {
                    return base;
                }
            }
        }
        return name;
    }

    private static Map<String, String> labels(String text, String where) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            require(m.find(at) && m.start() == at, where + "a malformed label at " + text.substring(at));
            String name = m.group(1);
            require(!name.startsWith("__"), where + "label " + name + " is reserved");
            String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            require(labels.put(name, value) == null, where + "label " + name + " twice");
            at = m.end();
            if (at < text.length()) {
                require(text.charAt(at) == ',', where + "labels not separated by a comma");
                at++;
            }
        }
        return labels;
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                require(text.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?"), where + "value " + text);
                yield Double.parseDouble(text);
            }
        };
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
