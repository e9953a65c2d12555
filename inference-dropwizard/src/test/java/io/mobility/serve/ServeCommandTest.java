package io.mobility.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./mobility serve}'s command line: answered before Dropwizard starts. */
class ServeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpNamesTheConfigurationAndDropwizardsOwnCommands() {
        assertThat(execute("--help")).isZero();
        assertThat(out())
                .contains(
                        "--config=FILE",
                        InferenceApplication.DEFAULT_CONFIG,
                        "${VAR:-default}",
                        "InferenceApplication check");
    }

    @Test
    void aMisspelledOptionIsAUsageErrorNamingTheRightOne() {
        assertThat(execute("--confg", "config.yml")).isEqualTo(2);
        assertThat(err()).contains("Unknown option", "'--confg'", "Possible solutions: --config");
    }

    @Test
    void aMissingConfigurationIsAUsageErrorNamingTheFile(@TempDir Path dir) {
        assertThat(execute("--config", dir.resolve("absent.yml").toString())).isEqualTo(2);
        assertThat(err()).contains("--config: no such file " + dir.resolve("absent.yml"));
    }

    @Test
    void dropwizardRunsItsServerCommandWithTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("serve.yml"), "server: {}\n");
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--config=" + file);
        assertThat(command.dropwizardArgs()).containsExactly("server", file.toString());
    }

    @Test
    void theDefaultIsTheProjectsConfiguration() {
        // surefire runs in the module directory; ./mobility passes the project root as mobility.root
        String before = System.setProperty(
                "mobility.root", Path.of("..").toAbsolutePath().normalize().toString());
        try {
            ServeCommand command = new ServeCommand();
            new CommandLine(command).parseArgs();
            assertThat(command.dropwizardArgs())
                    .containsExactly(
                            "server",
                            Path.of("..")
                                    .toAbsolutePath()
                                    .normalize()
                                    .resolve(InferenceApplication.DEFAULT_CONFIG)
                                    .toString());
        } finally {
            if (before == null) {
                System.clearProperty("mobility.root");
            } else {
                System.setProperty("mobility.root", before);
            }
        }
    }

    private int execute(String... args) {
        return new CommandLine(new ServeCommand())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
