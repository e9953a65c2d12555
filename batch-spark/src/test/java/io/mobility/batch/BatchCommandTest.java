package io.mobility.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line, before any Spark starts: none of these runs a job. */
class BatchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryJob() {
        assertThat(run("--help")).isZero();
        assertThat(out())
                .contains(
                        "gold",
                        "aggregates",
                        "features",
                        "train",
                        "score",
                        "monitor",
                        "maintain",
                        "--lake",
                        "--master",
                        "--shuffle-partitions");
        assertThat(out()).contains(BatchCommand.NOT_ENOUGH_HISTORY + " skipped (not enough history");
    }

    @Test
    void jobHelpShowsItsOwnOptions() {
        assertThat(run("maintain", "--help")).isZero();
        assertThat(out()).contains("--retain-hours", "--layers", "--allow-short-retention", "--lake", "(default 168)");
        out.reset();
        assertThat(run("help", "train")).isZero();
        assertThat(out()).contains("--holdout-weeks", "--step-size").doesNotContain("--retain-hours");
    }

    @Test
    void helpLoadsNoSparkClass() throws Exception {
        // --help must answer at once: run it in a class loader of its own and look at what it loaded.
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (Isolated loader = new Isolated(urls.toArray(URL[]::new))) {
            Method run = Class.forName(BatchCommand.class.getName(), true, loader)
                    .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
            run.setAccessible(true);
            PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertThat(run.invoke(null, new String[] {"score", "--help"}, stdout, stdout))
                    .isEqualTo(0);
            assertThat(out()).contains("--horizon", "--as-of");
            assertThat(loader.loaded(BatchCommand.class.getName())).isTrue();
            assertThat(List.of(
                            "org.apache.spark.sql.SparkSession",
                            "org.apache.spark.SparkContext",
                            BatchSession.class.getName()))
                    .noneMatch(loader::loaded);
        }
    }

    /** Loads the test's classpath itself (not through the application loader), so that it sees what gets loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void aMisspelledOptionIsAUsageErrorNamingTheRightOne() {
        assertThat(run("maintain", "--retain-hour", "24")).isEqualTo(2);
        assertThat(err()).contains("batch maintain: Unknown option", "'--retain-hour'", "--retain-hours");
    }

    @Test
    void anotherJobsOptionIsAUsageError() {
        assertThat(run("gold", "--holdout-weeks", "1")).isEqualTo(2);
        assertThat(err()).contains("batch gold: Unknown option", "'--holdout-weeks'");
    }

    @Test
    void unknownJobIsAUsageError() {
        assertThat(run("golden")).isEqualTo(2);
        assertThat(err()).contains("unknown batch job 'golden'", "gold, aggregates, maintain", "Did you mean", "gold");
    }

    @Test
    void noJobIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("name a job: gold, aggregates");
    }

    @Test
    void optionWithoutValueIsNamed() {
        assertThat(run("gold", "--lake")).isEqualTo(2);
        assertThat(err()).contains("batch gold:", "'--lake'");
    }

    @Test
    void aValueOfTheWrongTypeIsAUsageError() {
        assertThat(run("maintain", "--retain-hours", "a week")).isEqualTo(2);
        assertThat(err()).contains("--retain-hours", "'a week'");
        err.reset();
        assertThat(run("gold", "--shuffle-partitions", "0")).isEqualTo(2);
        assertThat(err()).contains("--shuffle-partitions must be a positive whole number, got '0'");
    }

    @Test
    void optionsReachTheJobAsItReadsThem() {
        BatchOptions options = parse(
                "maintain",
                "--lake",
                "/tmp/l",
                "--shuffle-partitions",
                "3",
                "--retain-hours",
                "200",
                "--allow-short-retention=true");
        assertThat(options.lake()).isEqualTo("/tmp/l");
        assertThat(options.shufflePartitions()).isEqualTo(3);
        assertThat(options.master()).isEqualTo(BatchOptions.DEFAULT_MASTER);
        assertThat(options.longOption("retain-hours", 168)).isEqualTo(200);
        assertThat(options.extra()).isEqualTo(Map.of("retain-hours", "200", "allow-short-retention", "true"));

        BatchOptions defaults = parse("train");
        assertThat(defaults.lake()).isEqualTo(BatchOptions.DEFAULT_LAKE);
        assertThat(defaults.shufflePartitions()).isEqualTo(BatchOptions.DEFAULT_SHUFFLE_PARTITIONS);
        assertThat(defaults.extra()).isEmpty();
    }

    @Test
    void theLenientParserStaysForTheBenchmarks() {
        BatchOptions options = BatchOptions.parse(List.of("--lake", "/tmp/l", "--sizes", "1000"));
        assertThat(options.lake()).isEqualTo("/tmp/l");
        assertThat(options.option("sizes")).contains("1000");
    }

    private static BatchOptions parse(String... args) {
        CommandLine.ParseResult parsed = BatchCommand.commandLine().parseArgs(args);
        return BatchCommand.options(parsed.subcommand());
    }

    private int run(String... args) {
        return BatchCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
