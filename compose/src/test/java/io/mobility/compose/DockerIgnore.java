package io.mobility.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A .dockerignore as Docker reads it (moby's patternmatcher): one pattern a line, {@code #} comments, a leading
 * {@code /} dropped, {@code *} any run of characters but {@code /}, {@code ?} one of them, {@code **} any number of
 * directories, {@code !} re-includes; a pattern matches a path or any of its parent directories, and the last
 * matching pattern decides.
 */
record DockerIgnore(List<Rule> rules) {

    record Rule(String text, Pattern regex, boolean reinclude) {}

    static DockerIgnore read(Path file) {
        return parse(Repo.read(file));
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean reinclude = line.startsWith("!");
            String pattern = clean(reinclude ? line.substring(1).strip() : line);
            rules.add(new Rule(line, Pattern.compile(regex(pattern)), reinclude));
        }
        return new DockerIgnore(rules);
    }

    /** Whether {@code path} (relative to the build context, with {@code /}) stays out of the context. */
    boolean excludes(String path) {
        String file = clean(path);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.regex(), file)) {
                excluded = !rule.reinclude();
            }
        }
        return excluded;
    }

    private static boolean matchesOrParentMatches(Pattern regex, String file) {
        if (regex.matcher(file).matches()) {
            return true;
        }
        String[] parts = file.split("/");
        StringBuilder parent = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            parent.append(i == 0 ? "" : "/").append(parts[i]);
            if (regex.matcher(parent).matches()) {
                return true;
            }
        }
        return false;
    }

    /** As Go's filepath.Clean on a relative path, then without a leading or trailing {@code /}. */
    private static String clean(String pattern) {
        String p =
                Path.of(pattern.replaceFirst("^/+", "")).normalize().toString().replace('\\', '/');
        return p.replaceAll("/+$", "");
    }

    /** moby patternmatcher's translation of a pattern into a regular expression. */
    private static String regex(String pattern) {
        StringBuilder out = new StringBuilder("^");
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                    i++; // "**/" is "**"
                }
                out.append(i + 1 == pattern.length() ? ".*" : "(.*/)?");
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.append('$').toString();
    }
}
