package io.mobility.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Queries tables with delta-spark in a child JVM (see {@code SparkReaderMain}); one child per test JVM. */
final class SparkReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    SparkReader(Path log) throws IOException {
        String classpath = System.getProperty("reader.classpath")
                + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("reader.classpath.file")))
                        .trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("reader.jvm.flags", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-Xmx1g", "-cp", classpath, "io.mobility.sink.testing.SparkReaderMain"));
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // Spark's start-up chatter
        }
        if (line == null) {
            throw new IOException("The Spark reader JVM died while starting; see " + log);
        }
    }

    /** The rows of a query, as JSON objects. */
    synchronized List<JsonNode> query(String sql) throws IOException {
        in.write(sql.replace('\n', ' ') + "\n");
        in.flush();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("RESULT ")) {
                List<JsonNode> rows = new ArrayList<>();
                JSON.readTree(line.substring(7)).forEach(rows::add);
                return rows;
            }
            if (line.startsWith("ERROR ")) {
                throw new IOException("Spark failed on [" + sql + "]: " + line.substring(6));
            }
        }
        throw new IOException("The Spark reader JVM died");
    }

    JsonNode first(String sql) throws IOException {
        return query(sql).get(0);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
