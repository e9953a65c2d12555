package io.mobility.serve;

import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * test-config.yml with top-level settings replaced or added, in a file of its own. For a second application in one
 * test class: ConfigOverride goes through system properties, and two applications' overrides of one key, reset in
 * the order they were set, leave the first one's value behind for the next test class.
 */
final class TestConfig {

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("(?m)^([A-Za-z]+):");

    private TestConfig() {}

    /** @param yaml top-level settings, each on its own line(s) ({@code authToken: "t"}, {@code list: [a, b]}) */
    static String with(String yaml) {
        try {
            Path base = Path.of(ResourceHelpers.resourceFilePath("test-config.yml"));
            Matcher keys = TOP_LEVEL_KEY.matcher(yaml);
            Set<String> replaced = keys.results().map(m -> m.group(1)).collect(Collectors.toSet());
            String kept = Files.readAllLines(base).stream()
                    .filter(line -> replaced.stream().noneMatch(key -> line.startsWith(key + ":")))
                    .collect(Collectors.joining("\n"));
            Path file = Files.createTempFile("test-config", ".yml");
            Files.writeString(file, kept + "\n" + yaml + "\n");
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
