package io.mobility.demo.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A component running in its own JVM. Its output is appended to its log file (and passed to a {@link LineSink});
 * {@link #stop} asks it to stop with SIGTERM, as Ctrl-C would, and kills it after a grace period.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread pump;

    private ChildProcess(String name, Process process, Path logFile, Thread pump) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pump = pump;
    }

    static ChildProcess start(
            String name, List<String> command, Map<String, String> env, Path workDir, Path logFile, LineSink echo) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            BufferedWriter log = Files.newBufferedWriter(
                    logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.write("==== " + java.time.Instant.now() + " " + withoutClasspath(command) + System.lineSeparator());
            log.flush();
            Thread pump = new Thread(() -> copy(process, log, echo), name + "-output");
            pump.setDaemon(true);
            pump.start();
            return new ChildProcess(name, process, logFile, pump);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The command as a person reads it: the classpath (hundreds of jars) is the module's, not worth a page. */
    private static String withoutClasspath(List<String> command) {
        List<String> shown = new java.util.ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:")) {
                continue;
            }
            shown.add(arg);
            if (arg.equals("-cp") && i + 1 < command.size()) {
                shown.add("<" + command.get(++i).split(":").length + " entries>");
            }
        }
        return String.join(" ", shown);
    }

    private static void copy(Process process, BufferedWriter log, LineSink echo) {
        try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                log) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                echo.accept(line);
            }
        } catch (IOException e) {
            // The process ended or its log cannot be written: nothing more to copy.
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; returns its exit status, or fails after {@code timeout}. */
    public int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        name + " did not finish within " + timeout.toSeconds() + " s (log: " + logFile + ")");
            }
            pump.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns true when it stopped by itself. */
    public boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** The last lines of its log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
