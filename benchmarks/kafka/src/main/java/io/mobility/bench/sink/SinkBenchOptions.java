package io.mobility.bench.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** The options of {@code ./mobility bench sink}; the build's paths (plugin, Spark classpath) are the defaults. */
record SinkBenchOptions(
        int records,
        int partitions,
        Integer flushRecords,
        long maxOffsetsPerTrigger,
        Long flushIntervalMs,
        int timeoutSeconds,
        Path workDir,
        boolean keep,
        String sparkHeap,
        String only,
        Path pluginDir,
        Path sparkClasspathFile,
        String sparkClasspathDirs,
        String sparkJvmFlags) {

    static final String USAGE = """
            usage: ./mobility bench sink [--records N] [--partitions N] [--flush-records N]
                                         [--max-offsets-per-trigger N] [--flush-interval-ms MS] [--only sink|spark]
                                         [--timeout-s S] [--work-dir DIR] [--keep] [--spark-heap SIZE]
                                         [--plugin-dir DIR] [--spark-classpath-file FILE]
              Records per second landed in Delta by the Delta sink connector (a real Connect worker, the packaged
              plugin, created through REST) against Spark Structured Streaming (Kafka source, from_avro, Delta sink,
              local[2], default trigger, in its own JVM), on the same pre-produced topic of wire-format ride events.
              Each side is timed from its start (connector creation; query start after the Spark session is up) to
              the Delta commit at which a reader sees all N rows; both tables must then hold exactly N rows.
              --records                  ride events produced (1000000), spread evenly over the partitions
              --partitions               topic partitions; the connector gets as many tasks (2)
              --flush-records            delta.flush.records of the connector (default: not set, the connector's
                                         default of 100000 applies)
              --max-offsets-per-trigger  Spark's maxOffsetsPerTrigger; default 0: not set, as a user runs Spark by
                                         default (the first micro-batch takes the whole backlog)
              --flush-interval-ms        delta.flush.interval.ms of the connector (default: not set, 60000)
              --only                     run one side only (sink or spark), e.g. to profile it
              --timeout-s                give up on a side after this long (1800)
              --work-dir                 where the tables and checkpoints go (default: a temporary directory)
              --keep                     keep the work directory
              --spark-heap               -Xmx of the Spark JVM (3g)
              --plugin-dir               the unzipped connector plugin (default: from the build)
              --spark-classpath-file     the Spark JVM's classpath file (default: from the build)""";

    static SinkBenchOptions parse(String[] args) {
        Properties build = buildProperties();
        int records = 1_000_000;
        int partitions = 2;
        Integer flushRecords = null;
        long maxOffsets = 0;
        Long flushIntervalMs = null;
        int timeout = 1_800;
        Path workDir = null;
        boolean keep = false;
        String sparkHeap = "3g";
        String only = "both";
        Path pluginDir = Path.of(build.getProperty("plugin.dir"));
        Path sparkClasspathFile = Path.of(build.getProperty("spark.classpath.file"));
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--records" -> records = positive(option, value(args, ++i, option));
                case "--partitions" -> partitions = positive(option, value(args, ++i, option));
                case "--flush-records" -> flushRecords = positive(option, value(args, ++i, option));
                case "--max-offsets-per-trigger" -> maxOffsets = Long.parseLong(value(args, ++i, option));
                case "--flush-interval-ms" -> flushIntervalMs = (long) positive(option, value(args, ++i, option));
                case "--timeout-s" -> timeout = positive(option, value(args, ++i, option));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, option));
                case "--keep" -> keep = true;
                case "--spark-heap" -> sparkHeap = value(args, ++i, option);
                case "--only" -> {
                    only = value(args, ++i, option);
                    if (!only.equals("sink") && !only.equals("spark")) {
                        throw new IllegalArgumentException("--only takes sink or spark, got '" + only + "'");
                    }
                }
                case "--plugin-dir" -> pluginDir = Path.of(value(args, ++i, option));
                case "--spark-classpath-file" -> sparkClasspathFile = Path.of(value(args, ++i, option));
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown option " + option + " (try --help)");
            }
        }
        if (records % partitions != 0) {
            throw new IllegalArgumentException("--records (" + records + ") must be a multiple of --partitions ("
                    + partitions + ") so that every partition holds the same number");
        }
        if (maxOffsets < 0) {
            throw new IllegalArgumentException(
                    "--max-offsets-per-trigger must be 0 (no limit) or more, got " + maxOffsets);
        }
        return new SinkBenchOptions(
                records,
                partitions,
                flushRecords,
                maxOffsets,
                flushIntervalMs,
                timeout,
                workDir,
                keep,
                sparkHeap,
                only,
                pluginDir,
                sparkClasspathFile,
                build.getProperty("spark.classpath.dirs"),
                build.getProperty("spark.jvm.flags"));
    }

    boolean runsSink() {
        return !only.equals("spark");
    }

    boolean runsSpark() {
        return !only.equals("sink");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value (try --help)");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + n);
        }
        return n;
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = SinkBenchOptions.class.getResourceAsStream("sink-bench.properties")) {
            if (in == null) {
                throw new IllegalStateException("sink-bench.properties is missing: build the benchmarks module");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
