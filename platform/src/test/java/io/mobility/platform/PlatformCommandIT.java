package io.mobility.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlatformCommandIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpDescribesEveryOption() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--kafka-port",
                        "--registry-port",
                        "--data-dir",
                        "--partitions",
                        "--with-connect",
                        "--connect-port",
                        "--plugin-path",
                        "--help",
                        "(default 9092)");
    }

    @Test
    void aMisspelledOptionIsAUsageErrorNamingTheRightOne() {
        assertThat(execute("--kafka-prot", "19092")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown option", "'--kafka-prot'", "Possible solutions: --kafka-port");
    }

    @Test
    void aValueOutOfRangeIsAUsageError() {
        assertThat(execute("--connect-port", "65536")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--connect-port must be a port between 0 and 65535");
    }

    /** The command's parser with captured output: only arguments that stop before starting anything. */
    private int execute(String... args) {
        return new CommandLine(new PlatformCommand())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Test
    void aTakenPortIsReportedInOneLineWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PlatformOptions options = PlatformOptions.parse("--kafka-port", String.valueOf(taken.getLocalPort()));

            int status = PlatformCommand.run(options, new PrintStream(out, true), new PrintStream(err, true));

            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8).strip())
                    .isEqualTo("error: Kafka broker cannot listen on"
                            + " 127.0.0.1:" + taken.getLocalPort() + ": the port is already in use"
                            + " (is another platform still running? choose another port)");
        }
    }

    /** The command as a user runs it: its own JVM, addresses printed, a working registry, a clean stop on SIGTERM. */
    @Test
    void runsUntilStoppedAndStopsCleanly(@TempDir Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PlatformCommand.class.getName(),
                        "--kafka-port",
                        "0",
                        "--registry-port",
                        "0",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        // Reading its output blocks: a hung command must fail the test, not hang the build.
        CompletableFuture.delayedExecutor(3, TimeUnit.MINUTES).execute(process::destroyForcibly);
        List<String> lines = new ArrayList<>();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String registryUrl = null;
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                Matcher registry =
                        Pattern.compile("Schema registry\\s+(http://\\S+)").matcher(line);
                if (registry.find()) {
                    registryUrl = registry.group(1);
                }
                if (line.contains("Press Ctrl-C to stop.")) {
                    break;
                }
            }
            assertThat(lines).as("output so far").anySatisfy(l -> assertThat(l).contains("Mobility platform is up"));
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l).matches("\\s+Kafka bootstrap servers\\s+127\\.0\\.0\\.1:\\d+"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("mobility.ride-events.raw"));
            assertThat(registryUrl).isNotNull();
            HttpResponse<String> subjects = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(registryUrl + "/subjects"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).isEqualTo("[]");

            // SIGTERM, like Ctrl-C; through the handle, as Process.destroy() would also close our end of the output
            process.toHandle().destroy();
            while ((line = output.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            if (process.isAlive()) {
                process.toHandle().destroy();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(lines).as(String.join("\n", lines)).contains("[platform] stopping ...", "[platform] stopped");
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("Exception"));
        assertThat(dataDir.resolve("kafka/kafka-logs/meta.properties")).exists();
    }
}
