package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The settings table of docs/delta-sink.md (also the plugin's doc/README.md) is the connector's {@link ConfigDef}:
 * one row per key, in the definition's order, with its type, default, importance and documentation (the doc may
 * put code in backticks). A key added without its row, a changed default or a reworded setting fails here.
 */
class SettingsDocTest {

    private static final Path DOC = Path.of(System.getProperty("delta.sink.doc", "../docs/delta-sink.md"));
    private static final String HEADER = "| setting | type | default | importance | meaning |";

    @Test
    void theSettingsTableHasOneRowPerKeyOfTheConfigDefWithItsTypeDefaultImportanceAndDocumentation()
            throws IOException {
        Map<String, Row> documented = table();
        Map<String, Row> defined = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : DeltaSinkConfig.DEFINITION.configKeys().values()) {
            defined.put(
                    key.name,
                    new Row(
                            key.name,
                            key.type.name().toLowerCase(Locale.ROOT),
                            defaultOf(key),
                            key.importance.name().toLowerCase(Locale.ROOT),
                            key.documentation));
        }
        assertThat(documented.keySet())
                .as("the settings of " + DOC + ", in the ConfigDef's order")
                .containsExactlyElementsOf(defined.keySet());
        for (Row row : defined.values()) {
            assertThat(documented.get(row.key()).withoutBackticks())
                    .as("the row of " + row.key() + " in " + DOC + "; the ConfigDef's row: " + row.markdown())
                    .isEqualTo(row);
        }
    }

    @Test
    void theHadoopPassThroughPrefixIsDocumentedBesideTheTable() throws IOException {
        assertThat(Files.readString(DOC)).contains("`" + DeltaSinkConfig.HADOOP_PREFIX + "<key>`");
    }

    /** What a reader needs from a default: nothing when there is none, else the value the ConfigDef parses. */
    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "";
        }
        return ConfigDef.convertToString(key.defaultValue, key.type);
    }

    private static Map<String, Row> table() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int header = lines.indexOf(HEADER);
        assertThat(header).as(DOC + " has a settings table headed " + HEADER).isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            assertThat(cells).as("line " + (i + 1) + " of " + DOC + ": 5 cells").hasSize(5);
            String key = unquote(cells.get(0));
            assertThat(rows.put(key, new Row(key, cells.get(1), unquote(cells.get(2)), cells.get(3), cells.get(4))))
                    .as(key + " has one row")
                    .isNull();
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") && cell.length() > 1
                ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    private record Row(String key, String type, String defaultValue, String importance, String meaning) {

        Row withoutBackticks() {
            return new Row(key, type, defaultValue, importance, meaning.replace("`", ""));
        }

        String markdown() {
            String value = defaultValue.isEmpty() || defaultValue.equals("(required)")
                    ? defaultValue
                    : "`" + defaultValue + "`";
            return "| `" + key + "` | " + type + " | " + value + " | " + importance + " | " + meaning + " |";
        }
    }
}
