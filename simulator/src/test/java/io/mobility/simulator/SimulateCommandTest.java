package io.mobility.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mobility.simulator.fault.FaultKind;
import io.mobility.simulator.tlc.ReplayTlcCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private static final Clock WALL = Clock.fixed(Instant.parse("2025-06-18T15:42:10Z"), ZoneOffset.UTC);

    private static SimulateCommand parse(String... args) {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void helpListsEveryOptionIncludingEachFaultRate() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new SimulateCommand())
                .setOut(new PrintWriter(out))
                .execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "--bootstrap-servers",
                        "--schema-registry-url",
                        "--zones",
                        "--drivers",
                        "--riders",
                        "--seed",
                        "--start",
                        "--days",
                        "--live",
                        "--speed",
                        "--dirty-rate",
                        "--manifest");
        for (FaultKind kind : FaultKind.values()) {
            assertThat(out.toString()).contains(kind.option());
        }
    }

    @Test
    void backfillDefaultsToFourWeeksFromMidnightFourWeeksAgo() {
        SimulationConfig config = parse().config(WALL);

        assertThat(config.start()).isEqualTo(Instant.parse("2025-05-21T00:00:00Z"));
        assertThat(config.length()).isEqualTo(Duration.ofDays(28));
        assertThat(config.zones()).isEqualTo(30);
        assertThat(config.faults().any()).isFalse();
    }

    @Test
    void liveStartsNowAndRunsUntilStopped() {
        SimulationConfig config = parse("--live", "--speed", "60").config(WALL);

        assertThat(config.start()).isEqualTo(Instant.parse("2025-06-18T15:42:00Z"));
        assertThat(config.length()).isNull();
    }

    @Test
    void aSpecificFaultRateOverridesTheDirtyRate() {
        SimulationConfig config = parse(
                        "--dirty-rate", "0.01", "--late-rate", "0.05", "--start", "2025-01-06", "--days", "0.5")
                .config(WALL);

        assertThat(config.faults().rate(FaultKind.LATE)).isEqualTo(0.05);
        assertThat(config.faults().rate(FaultKind.DUPLICATE)).isEqualTo(0.01);
        assertThat(config.start()).isEqualTo(Instant.parse("2025-01-06T00:00:00Z"));
        assertThat(config.length()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse("--start", "last tuesday").config(WALL))
                .hasMessageContaining("--start must be an ISO date")
                .hasMessageContaining("last tuesday");
        assertThatThrownBy(() -> parse("--days", "-1").config(WALL)).hasMessageContaining("--days must be positive");
        assertThatThrownBy(() -> parse("--negative-fare-rate", "2").config(WALL))
                .hasMessageContaining("--negative-fare-rate must be between 0 and 1");

        StringWriter err = new StringWriter();
        int code = new CommandLine(new SimulateCommand())
                .setErr(new PrintWriter(err))
                .execute("--zones", "many");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--zones").contains("many");
    }

    @Test
    void replayTlcHasHelpAndNeedsFiles() {
        StringWriter out = new StringWriter();
        assertThat(new CommandLine(new ReplayTlcCommand())
                        .setOut(new PrintWriter(out))
                        .execute("--help"))
                .isZero();
        assertThat(out.toString()).contains("FILE", "--bootstrap-servers", "--schema-registry-url", "--report");

        StringWriter err = new StringWriter();
        assertThat(new CommandLine(new ReplayTlcCommand())
                        .setErr(new PrintWriter(err))
                        .execute())
                .isEqualTo(2);
        assertThat(err.toString()).contains("FILE");
    }
}
