package io.mobility.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsAreTheIssuesCityLighter() {
        DemoOptions o = DemoOptions.parse(new String[0]);
        assertThat(o.days()).isEqualTo(28);
        assertThat(o.zones()).isEqualTo(30);
        // 15 drivers per zone at 4 requests per zone and hour: the simulator's share of fulfilled rides at a third
        // of its default city's records.
        assertThat(o.drivers()).isEqualTo(450);
        assertThat(o.requestsPerZoneHour()).isEqualTo(4);
        assertThat(o.riders()).isEqualTo(20_010);
        assertThat(o.dirtyRate()).isPositive();
        assertThat(o.liveSpeed()).isEqualTo(1);
        assertThat(o.dataDir()).isEqualTo(Path.of(".mobility", "demo"));
        assertThat(o.ports()).isEqualTo(new DemoOptions.Ports(9092, 8081, 8083, 8086, 8080, 8090));
        assertThat(o.exitAfterSummary()).isFalse();
    }

    @Test
    void weeksDaysAndTheRest() {
        assertThat(DemoOptions.parse(new String[] {"--weeks", "2"}).days()).isEqualTo(14);
        DemoOptions o = DemoOptions.parse(new String[] {
            "--weeks",
            "2",
            "--days",
            "0.5",
            "--zones",
            "6",
            "--seed",
            "7",
            "--dirty",
            "0",
            "--live-speed",
            "0",
            "--exit",
            "--fresh",
            "--api-port",
            "0",
            "--drivers-per-zone",
            "50",
            "--requests-per-zone-hour",
            "12"
        });
        assertThat(o.days()).isEqualTo(0.5);
        assertThat(o.zones()).isEqualTo(6);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.dirtyRate()).isZero();
        assertThat(o.liveSpeed()).isZero();
        assertThat(o.exitAfterSummary()).isTrue();
        assertThat(o.fresh()).isTrue();
        assertThat(o.ports().api()).isZero();
        assertThat(o.drivers()).isEqualTo(300);
        assertThat(o.requestsPerZoneHour()).isEqualTo(12);
        assertThat(o.scale()).isEqualTo("days=0.5 zones=6 drivers/zone=50 requests/zone-hour=12.0 seed=7 dirty=0.0");
    }

    @Test
    void badValuesSayWhichOptionAndWhy() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--zones", "1"}))
                .hasMessage("--zones must be a whole number from 2 to 263, not '1'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--days", "-1"}))
                .hasMessage("--days must be above 0, got -1");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--dirty", "0.2"}))
                .hasMessageContaining("at most 0.05");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--drivers-per-zone", "0"}))
                .hasMessage("--drivers-per-zone must be a whole number from 1 to 1000, not '0'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--requests-per-zone-hour", "0"}))
                .hasMessage("--requests-per-zone-hour must be above 0, got 0");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--api-port", "65536"}))
                .hasMessage("--api-port must be a whole number from 0 to 65535, not '65536'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--weeks"}))
                .hasMessageContaining("Missing required parameter for option '--weeks'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--colour"})).hasMessage("Unknown option: '--colour'");
    }

    @Test
    void theCommandAnswersHelpAndUsageErrorsBeforeStartingAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(DemoCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--exit",
                        "--fresh",
                        "--weeks",
                        "--drivers-per-zone",
                        "--admin-port",
                        "(.mobility/demo)",
                        "docs/demo.md");
        out.reset();
        assertThat(DemoCommand.run(new String[] {"--fres"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Unknown option: '--fres'", "Possible solutions: --fresh");
        out.reset();
        assertThat(DemoCommand.run(new String[] {"--zones", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--zones must be a whole number from 2 to 263");
    }
}
