package io.mobility.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Structured Streaming baseline ({@code io.mobility.sink.bench.SparkStreamingBaselineMain}, compiled with the
 * connector's tests where Spark is on the classpath) in a child JVM: Spark (Servlet 5) cannot share this JVM with
 * the Connect worker (Servlet 6). Lines from the child arrive on a queue so that a dead child never blocks us.
 */
final class SparkBaselineProcess implements AutoCloseable {

    static final String MAIN = "io.mobility.sink.bench.SparkStreamingBaselineMain";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private SparkBaselineProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("FAILED reading the Spark JVM's output: " + e);
                    }
                    lines.add("FAILED the Spark JVM exited (see " + log + ")");
                },
                "spark-baseline-output");
        reader.setDaemon(true);
        reader.start();
    }

    static SparkBaselineProcess start(
            SinkBenchOptions options,
            String bootstrapServers,
            String topic,
            Path table,
            Path checkpoint,
            Path schemaFile,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : options.sparkJvmFlags().split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-Xmx" + options.sparkHeap());
        command.add("-Dlog4j2.configurationFile=log4j2-test.xml");
        command.addAll(List.of(
                "-cp",
                classpath(options),
                MAIN,
                "--bootstrap-servers",
                bootstrapServers,
                "--topic",
                topic,
                "--table",
                table.toString(),
                "--checkpoint",
                checkpoint.toString(),
                "--schema-file",
                schemaFile.toString(),
                "--max-offsets-per-trigger",
                Long.toString(options.maxOffsetsPerTrigger())));
        try {
            Process process =
                    new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new SparkBaselineProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Spark baseline JVM", e);
        }
    }

    /** Waits for the query to start; returns the epoch ms the child took just before starting it. */
    long awaitStarted(long timeoutMs) {
        String line = next("STARTED", timeoutMs);
        return Long.parseLong(line.substring("STARTED ".length()).trim());
    }

    ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Why the child failed, if it has said so; null while it runs. */
    String failure() {
        for (String line : lines) {
            if (line.startsWith("FAILED")) {
                return line + " (log: " + log + ")";
            }
        }
        return null;
    }

    void stopQuery(long timeoutMs) {
        send("STOP");
        next("STOPPED", timeoutMs);
    }

    /** The rows of a query run by the child's Spark session. */
    List<JsonNode> query(String sql, long timeoutMs) {
        send(sql);
        String line = next("RESULT", timeoutMs);
        try {
            List<JsonNode> rows = new ArrayList<>();
            JSON.readTree(line.substring("RESULT ".length())).forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable answer from the Spark JVM: " + line, e);
        }
    }

    private void send(String line) {
        try {
            in.write(line.replace('\n', ' ') + "\n");
            in.flush();
        } catch (IOException e) {
            throw new IllegalStateException("The Spark baseline JVM is gone (log: " + log + ")", e);
        }
    }

    /** The next line starting with {@code prefix}; an ERROR or FAILED line, or the timeout, is an exception. */
    private String next(String prefix, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new IllegalStateException("No " + prefix + " from the Spark baseline JVM after " + timeoutMs
                            + " ms (log: " + log + ")");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (line.startsWith("ERROR") || line.startsWith("FAILED")) {
                    throw new IllegalStateException("Spark baseline: " + line + " (log: " + log + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Spark baseline JVM", e);
        }
    }

    private static String classpath(SinkBenchOptions options) {
        Path file = options.sparkClasspathFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No Spark classpath at " + file + ": build the connector with its tests "
                    + "compiled (./mvnw -pl benchmarks -am package -DskipTests) or pass --spark-classpath-file");
        }
        try {
            return options.sparkClasspathDirs()
                    + File.pathSeparator
                    + Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
