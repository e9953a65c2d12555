package io.mobility.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PlatformOptions options = PlatformOptions.parse();

        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.registryPort()).isEqualTo(8081);
        assertThat(options.registryMaxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(options.connectPort()).isEqualTo(8083);
        assertThat(options.dataDir()).isEqualTo(Path.of(".mobility/platform"));
        assertThat(options.withConnect()).isFalse();
        assertThat(options.pluginPath()).isEmpty();
        assertThat(options.partitions()).isEqualTo(3);
    }

    @Test
    void optionsAreReadInBothSpellings() {
        PlatformOptions options = PlatformOptions.parse(
                "--kafka-port",
                "19092",
                "--registry-port=18081",
                "--with-connect",
                "--connect-port",
                "18083",
                "--plugin-path",
                "plugins/a, plugins/b",
                "--data-dir=/tmp/p",
                "--partitions",
                "6",
                "--registry-max-body-bytes",
                "4096");

        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.registryPort()).isEqualTo(18081);
        assertThat(options.withConnect()).isTrue();
        assertThat(options.connectPort()).isEqualTo(18083);
        assertThat(options.pluginPath()).containsExactly(Path.of("plugins/a"), Path.of("plugins/b"));
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/p"));
        assertThat(options.partitions()).isEqualTo(6);
        assertThat(options.registryMaxBodyBytes()).isEqualTo(4096);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> PlatformOptions.parse("--kafka-port", "ninety"))
                .hasMessage("Invalid value for option '--kafka-port': 'ninety' is not an int");
        assertThatThrownBy(() -> PlatformOptions.parse("--registry-port", "70000"))
                .hasMessage("--registry-port must be a port between 0 and 65535, got 70000");
        assertThatThrownBy(() -> PlatformOptions.parse("--registry-max-body-bytes", "0"))
                .hasMessage("--registry-max-body-bytes must be at least 1, got 0");
        assertThatThrownBy(() -> PlatformOptions.parse("--partitions", "0"))
                .hasMessage("--partitions must be at least 1, got 0");
        assertThatThrownBy(() -> PlatformOptions.parse("--data-dir"))
                .hasMessageContaining("Missing required parameter for option '--data-dir'");
        assertThatThrownBy(() -> PlatformOptions.parse("--colour")).hasMessage("Unknown option: '--colour'");
    }
}
