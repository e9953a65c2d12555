package io.mobility.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mobility.events.ExampleEvents;
import io.mobility.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private record Run(int exitCode, String output) {
    }

    private static Run demo(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = DemoCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void registersTheContractAndRoundTripsEveryRecordTwiceOnTheSameData(@TempDir Path dataDir) {
        String[] args = {"--exit", "--kafka-port", "0", "--registry-port", "0", "--data-dir", dataDir.toString()};
        int records = ExampleEvents.everyType().size();

        Run first = demo(args);

        assertThat(first.exitCode()).as(first.output()).isZero();
        Topics.ALL.forEach(topic -> assertThat(first.output()).contains(topic.valueSubject()));
        assertThat(first.output()).contains(records + " of " + records + " records went through the broker and came back intact")
                .doesNotContain("DIFFERENT").contains("stopped");

        Run second = demo(args);

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(schemaId(second.output(), "mobility.rides-value")).isEqualTo(schemaId(first.output(), "mobility.rides-value"));
        assertThat(second.output()).contains(records + " of " + records);
    }

    @Test
    void badOptionsAreNamed() {
        Run run = demo("--kafka-port", "ninety");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--kafka-port must be a port number").contains("ninety");
    }

    private static int schemaId(String output, String subject) {
        Matcher matcher = Pattern.compile(Pattern.quote(subject) + "\\s+schema id\\s+(\\d+)").matcher(output);
        assertThat(matcher.find()).as("schema id of " + subject + " in:\n" + output).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
