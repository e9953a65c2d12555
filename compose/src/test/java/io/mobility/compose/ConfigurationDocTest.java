package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.streams.StreamsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md names every setting the apps and the compose setup read, so it cannot silently drift. */
class ConfigurationDocTest {

    private static final String DOC = Repo.read(Repo.ROOT.resolve("docs/configuration.md"));

    @Test
    void everyVariableOfTheApiConfigurationIsDocumented() {
        List<String> variables =
                matches("\\$\\{(MOBILITY_[A-Z_]+)", Repo.read(Repo.ROOT.resolve("inference-dropwizard/config.yml")));
        assertThat(variables).isNotEmpty();
        assertThat(variables).allMatch(v -> DOC.contains("`" + v + "`"), "documented in docs/configuration.md");
    }

    @Test
    void everyKeyOfTheStreamsAppIsDocumented() {
        List<String> keys = StreamsSettings.defaults().stringPropertyNames().stream()
                .sorted()
                .toList();
        assertThat(keys).allMatch(k -> DOC.contains("`" + k + "`"), "documented in docs/configuration.md");
    }

    @Test
    void everyVariableTheDagsReadIsDocumented() {
        List<String> variables =
                matches("\\$(MOBILITY_[A-Z_]+)", Repo.read(Repo.COMPOSE.resolve("airflow/dags/mobility_spark.py")));
        assertThat(variables).isNotEmpty().allMatch(v -> DOC.contains("`" + v + "`"));
    }

    @Test
    void everyVariableOfTheMobilityScriptIsDocumented() {
        List<String> variables = matches("\\$\\{(MOBILITY_[A-Z_]+)", Repo.read(Repo.ROOT.resolve("mobility")));
        assertThat(variables).isNotEmpty().allMatch(v -> DOC.contains("`" + v + "`"));
    }

    private static List<String> matches(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            if (!found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }
}
