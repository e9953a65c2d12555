package io.mobility.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line, before any Spark starts. */
class BatchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryJob() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("gold", "aggregates", "maintain", "--lake", "--master");
        assertThat(out()).contains(BatchCommand.NOT_ENOUGH_HISTORY + " skipped (not enough history");
    }

    @Test
    void jobHelpShowsItsOwnOptions() {
        assertThat(run("maintain", "--help")).isZero();
        assertThat(out()).contains("--retain-hours", "--lake");
    }

    @Test
    void unknownJobIsAUsageError() {
        assertThat(run("golden")).isEqualTo(2);
        assertThat(err()).contains("unknown batch job 'golden'", "gold, aggregates, maintain");
    }

    @Test
    void optionWithoutValueIsNamed() {
        assertThat(run("gold", "--lake")).isEqualTo(2);
        assertThat(err()).contains("option --lake needs a value");
    }

    @Test
    void optionsAreParsed() {
        BatchOptions options = BatchOptions.parse(List.of("--lake", "/tmp/l", "--shuffle-partitions", "3", "--retain-hours", "200"));
        assertThat(options.lake()).isEqualTo("/tmp/l");
        assertThat(options.shufflePartitions()).isEqualTo(3);
        assertThat(options.longOption("retain-hours", 168)).isEqualTo(200);
    }

    private int run(String... args) {
        return BatchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
