package io.mobility.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line and its configuration layers: defaults, file, environment, options. */
class StreamsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return StreamsCommand.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpDescribesEveryOptionAndTheEnvironmentOverrides() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--config FILE",
                        "--bootstrap-servers",
                        "--schema-registry-url",
                        "--application-id",
                        "--state-dir",
                        "--http-port",
                        "MOBILITY_STREAMS_BOOTSTRAP_SERVERS",
                        "/health/ready");
    }

    @Test
    void anUnknownOptionOrAMissingValueIsAUsageError() {
        assertThat(run(Map.of(), "--bootstrap", "h:9092")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown options: '--bootstrap', 'h:9092'", "Possible solutions: --bootstrap-servers");
        err.reset();
        assertThat(run(Map.of(), "--state-dir")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Missing required parameter for option '--state-dir'");
    }

    @Test
    void optionsOverrideTheirSettingsAndOnlyWhenGiven() {
        StreamsCommand command = new StreamsCommand(Map.of(), System.err);
        new CommandLine(command).parseArgs("--bootstrap-servers=b:9092", "--http-port", "0");
        assertThat(command.overrides()).isEqualTo(Map.of("bootstrap.servers", "b:9092", "mobility.http.port", "0"));
    }

    @Test
    void aBadSettingSaysWhichKeyAndWhy() {
        assertThat(run(Map.of("MOBILITY_STREAMS_MOBILITY_ZONE_WINDOWS_MINUTES", "5,soon")))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("mobility.zone.windows.minutes = '5,soon' is not a comma-separated list of positive minutes");
        err.reset();
        assertThat(run(Map.of(), "--config", "/nonexistent/streams.properties")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read the configuration file");
    }

    @Test
    void laterLayersWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("streams.properties");
        Files.writeString(file, """
                bootstrap.servers=from-file:9092
                application.id=from-file
                mobility.dedup.horizon.ms=3600000
                mobility.zone.windows.minutes=1, 10
                """);
        StreamsSettings settings = StreamsSettings.load(
                file,
                Map.of(
                        "MOBILITY_STREAMS_APPLICATION_ID",
                        "from-env",
                        "MOBILITY_STREAMS_STATE_DIR",
                        "/env/state",
                        "UNRELATED",
                        "x"),
                Map.of("state.dir", "/option/state"));

        assertThat(settings.get("bootstrap.servers")).isEqualTo("from-file:9092");
        assertThat(settings.get("application.id")).isEqualTo("from-env");
        assertThat(settings.get("state.dir")).isEqualTo("/option/state");
        assertThat(settings.get("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(settings.dedupHorizon()).hasHours(1);
        assertThat(settings.zoneWindowsMinutes()).isEqualTo(List.of(1, 10));
        assertThat(settings.get("unrelated")).isNull();
    }
}
