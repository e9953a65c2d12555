package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * The example connectors the plugin carries in {@code etc/} are the ones docs/delta-sink.md shows, and the
 * connector's own validation (what {@code PUT /connector-plugins/DeltaSinkConnector/config/validate} answers)
 * accepts each of them.
 */
class ExampleConnectorsTest {

    private static final Path DOC = Path.of(System.getProperty("delta.sink.doc", "../docs/delta-sink.md"));
    private static final Path EXAMPLES = Path.of(System.getProperty("plugin.examples", "src/assembly/etc"));
    /** A file name in backticks ending a paragraph, then the file as a json block. */
    private static final Pattern BLOCK =
            Pattern.compile("\\(`([a-z-]+\\.json)`\\):\\n\\n```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theDocShowsEveryExampleFileAsItIs() throws IOException {
        Map<String, String> shown = new TreeMap<>();
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            assertThat(shown.put(m.group(1), m.group(2)))
                    .as(m.group(1) + " is shown once in " + DOC)
                    .isNull();
        }
        Map<String, String> files = examples();
        assertThat(shown.keySet())
                .as("the connectors shown in " + DOC + " and the files in " + EXAMPLES)
                .containsExactlyElementsOf(files.keySet());
        files.forEach((name, text) ->
                assertThat(shown.get(name)).as(name + " in " + DOC).isEqualTo(text));
    }

    @Test
    void everyExampleIsTheLakesConnectorAndPassesTheConnectorsValidation() throws IOException {
        Map<String, String> files = examples();
        assertThat(files.keySet())
                .containsExactly(
                        "lake-bronze.json",
                        "lake-quarantine.json",
                        "lake-reference.json",
                        "lake-rides.json",
                        "lake-silver.json");
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Map<String, String> config = json.readValue(file.getValue(), new TypeReference<>() {});
            assertThat(config).as(file.getKey()).containsEntry("connector.class", DeltaSinkConnector.class.getName());
            List<ConfigValue> values = new DeltaSinkConnector().validate(config).configValues();
            assertThat(values)
                    .map(ConfigValue::name)
                    .as(file.getKey() + " is validated against the sink's settings")
                    .contains(DeltaSinkConfig.TABLE_ROOT, DeltaSinkConfig.PARTITION_MODE);
            List<String> errors = values.stream()
                    .filter(v -> !v.errorMessages().isEmpty())
                    .map(v -> v.name() + ": " + String.join("; ", v.errorMessages()))
                    .toList();
            assertThat(errors).as("validation errors of " + file.getKey()).isEmpty();
        }
    }

    private static Map<String, String> examples() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(EXAMPLES)) {
            for (Path path : paths.toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        return files;
    }
}
